// A sandboxed batch with a saboteur and a copycat among honest learners: the saboteur kills every
// grader it can find through /proc, the copycat looks for the class folder in the graders' command
// lines and working folders to import a classmate's work. Honest learners keep full marks, the
// cheats get nothing, every row is written, and nothing the learners started is left running.
import assert from 'node:assert/strict';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv, type CsvRow } from '../../src/grader/batch/csv.ts';
import { stillRunning } from '../../src/grader/process-tree.ts';
import { labsDir, run, type Ran } from '../grader/helpers.ts';
import { cli, program } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'sandbox-batch-'));
const classDir = join(scratch, 'class');
const out = join(scratch, 'out');
const tmp = join(scratch, 'tmp');

/** Kills, for four seconds, every process whose command line shows it belongs to this test's
 * batch or to a sandbox; the filter keeps it harmless to the rest of a shared machine even if the
 * sandbox were broken. */
const SABOTEUR = `import { readdirSync, readFileSync } from 'node:fs';
const sweep = () => {
	for (const name of readdirSync('/proc')) {
		const pid = Number(name);
		if (!(pid > 0) || pid === process.pid) continue;
		try {
			const cmdline = readFileSync('/proc/' + pid + '/cmdline', 'utf8');
			if (cmdline.includes(${JSON.stringify(scratch)}) || cmdline.includes('/course/')) process.kill(pid, 'SIGKILL');
		} catch {}
	}
};
const end = Date.now() + 4000;
sweep();
const timer = setInterval(() => { sweep(); if (Date.now() > end) clearInterval(timer); }, 20);
`;

/** Looks for a classmate's server.js next to any folder named in a process's command line or
 * working folder, and runs it as its own. */
const COPYCAT = `import { readdirSync, readFileSync, readlinkSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
const places = new Set();
for (const name of readdirSync('/proc')) {
	if (!/^\\d+$/.test(name)) continue;
	try { for (const arg of readFileSync('/proc/' + name + '/cmdline', 'utf8').split('\\0')) if (arg.startsWith('/')) places.add(arg); } catch {}
	try { places.add(readlinkSync('/proc/' + name + '/cwd')); } catch {}
}
let found;
for (const place of places) {
	for (let dir = place, i = 0; i < 4 && !found; i++, dir = dirname(dir)) {
		const file = join(dir, 'ada', 'orders-api', 'server.js');
		if (existsSync(file)) found = file;
	}
}
if (!found) { console.error('no classmate to copy'); process.exit(1); }
await import(found);
`;

describe('a sandboxed batch with a saboteur and a copycat', () => {
	let ran: Ran;
	let rows: CsvRow[];
	const row = (learner: string) => rows.find((r) => r.learner === learner) as CsvRow;

	before(async () => {
		cpSync(join(labsDir, 'orders-api', 'solution'), join(classDir, 'ada', 'orders-api'), {
			recursive: true,
		});
		cpSync(join(labsDir, 'orders-api', 'solution'), join(classDir, 'ben', 'orders-api'), {
			recursive: true,
		});
		program(join(classDir, 'mallory', 'orders-api'), SABOTEUR);
		program(join(classDir, 'cat', 'orders-api'), COPYCAT);
		mkdirSync(tmp);
		ran = await run(
			process.execPath,
			[cli, '--batch', classDir, '--out', out, '--jobs', '4', '--seed', '7'],
			{ env: { TMPDIR: tmp }, timeoutMs: 120_000 },
		);
		const csv = join(out, 'results.csv');
		rows = existsSync(csv) ? parseCsv(readFileSync(csv, 'utf8')) : [];
	});
	after(() => rmSync(scratch, { recursive: true, force: true }));

	it('writes every row, in a sandbox', () => {
		assert.equal(ran.code, 1, ran.stderr);
		assert.match(ran.stdout, /each in a sandbox of its own/);
		assert.deepEqual(rows.map((r) => r.learner).sort(), ['ada', 'ben', 'cat', 'mallory']);
	});

	it('keeps the honest learners their full marks', () => {
		for (const learner of ['ada', 'ben']) {
			assert.equal(row(learner).passed, true, `${learner}: ${row(learner).message}`);
			assert.equal(row(learner).checksPassed, row(learner).checksTotal);
		}
	});

	it('gives the saboteur and the copycat nothing', () => {
		assert.equal(row('mallory').checksPassed, 0);
		assert.equal(row('cat').checksPassed, 0);
		assert.match(row('cat').message, /no classmate to copy/);
	});

	it('leaves no process running and nothing in the temporary folder', () => {
		assert.ok(ran.seen.length > 4, 'the batch started no sandboxes');
		assert.deepEqual(ran.seen.filter(stillRunning), []);
		assert.deepEqual(readdirSync(tmp), []);
	});
});
