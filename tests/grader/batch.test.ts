// `grade --batch` on a small class: a solution, a starter, a broken fixture, an empty folder and a
// program that never stops looping, graded two at a time by real child graders.
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
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv, type CsvRow } from '../../src/grader/batch/csv.ts';
import { processesIn, stillRunning } from '../../src/grader/process-tree.ts';
import { findAll, labsDir, parseMarkup, root, run, type Ran } from './helpers.ts';

const cli = join(root, 'src', 'grader', 'cli.ts');
const scratch = mkdtempSync(join(tmpdir(), 'batch-test-'));
const classDir = join(scratch, 'class');
const out = join(scratch, 'out');
const tmp = join(scratch, 'tmp');
const pidsFile = join(scratch, 'looping-pids.txt');
const fixture = readdirSync(join(labsDir, 'round-robin', 'fixtures')).sort()[0] ?? '';
const fixtureCheck = (
	JSON.parse(
		readFileSync(join(labsDir, 'round-robin', 'fixtures', fixture, 'FIXTURE.json'), 'utf8'),
	) as { failsCheck: string }
).failsCheck;
/** Each submission's time limit: far above an honest run here, far below the looping one's 45 s. */
const LIMIT_S = 15;
/** The whole batch: two at a time, the slowest pair is the looping program at LIMIT_S. */
const BOUND_MS = 75_000;

function makeClass(): void {
	const copy = (from: string, to: string) => cpSync(from, join(classDir, to), { recursive: true });
	copy(join(labsDir, 'round-robin', 'solution'), 'ada/round-robin');
	mkdirSync(join(classDir, 'ada', 'notes'), { recursive: true });
	copy(join(labsDir, 'orders-api', 'starter'), 'ben/orders-api');
	copy(join(labsDir, 'round-robin', 'fixtures', fixture), 'cy/round-robin');
	mkdirSync(join(classDir, 'dee', 'orders-api'), { recursive: true });
	const looping = join(classDir, 'eve', 'orders-api');
	mkdirSync(looping, { recursive: true });
	writeFileSync(join(looping, 'package.json'), '{ "type": "module" }\n');
	writeFileSync(
		join(looping, 'server.js'),
		`import { appendFileSync } from 'node:fs';\n` +
			`appendFileSync(${JSON.stringify(pidsFile)}, process.pid + '\\n');\n` +
			'for (;;) {}\n',
	);
}

describe('grade --batch', () => {
	let ran: Ran;
	let rows: CsvRow[];
	const row = (learner: string) => rows.find((r) => r.learner === learner) as CsvRow;

	before(async () => {
		makeClass();
		mkdirSync(tmp);
		// The batch's own behaviour, outside the sandbox: its looping learner writes its pid beside
		// the class so the test can prove it was stopped, which the sandbox rightly forbids.
		// tests/sandbox/batch.test.ts grades a batch in the sandbox.
		const args = [
			'--batch',
			classDir,
			'--out',
			out,
			'--jobs',
			'2',
			'--timeout',
			String(LIMIT_S),
			'--no-sandbox',
		];
		ran = await run(process.execPath, [cli, ...args, '--seed', '7'], {
			env: { TMPDIR: tmp },
			timeoutMs: 150_000,
		});
		rows = existsSync(join(out, 'results.csv'))
			? parseCsv(readFileSync(join(out, 'results.csv'), 'utf8'))
			: [];
	});
	after(() => rmSync(scratch, { recursive: true, force: true }));

	it('exits 1 because not every submission passed, within its time bound', () => {
		assert.equal(ran.code, 1, ran.stderr);
		assert.ok(ran.wallMs < BOUND_MS, `the batch took ${ran.wallMs} ms`);
		assert.match(ran.stdout, /1 of 5 submissions passed/);
	});

	it('reports a folder that is not a lab and skips it', () => {
		assert.match(ran.stderr, /skipped ada\/notes\/: "notes" is not a lab id/);
		assert.deepEqual(
			rows.map((r) => `${r.learner}/${r.lab}`),
			['ada/round-robin', 'ben/orders-api', 'cy/round-robin', 'dee/orders-api', 'eve/orders-api'],
		);
	});

	it('writes a CSV row per submission with the result each deserves', () => {
		assert.deepEqual(
			{ ...row('ada'), durationMs: 0 },
			{
				learner: 'ada',
				lab: 'round-robin',
				passed: true,
				checksPassed: 10,
				checksTotal: 10,
				failing: [],
				durationMs: 0,
				seed: 7,
				message: '',
			},
		);
		assert.equal(row('ben').passed, false);
		assert.ok(row('ben').failing.includes('lists-products'), row('ben').failing.join(';'));
		assert.equal(row('ben').checksTotal, 15);
		assert.ok(row('cy').failing.includes(fixtureCheck), `${fixture} must fail ${fixtureCheck}`);
		assert.equal(row('dee').checksPassed, 0);
		assert.match(row('dee').message, /entry file server\.js/);
		assert.deepEqual([row('eve').checksPassed, row('eve').failing.length], [0, 15]);
		assert.match(row('eve').message, new RegExp(`${LIMIT_S} s limit`));
		assert.ok(rows.every((r) => r.seed === 7 && r.durationMs > 0));
	});

	it('writes a JUnit suite per submission with a test case per check', () => {
		const document = parseMarkup(readFileSync(join(out, 'results.xml'), 'utf8'));
		const suites = findAll(document, 'testsuite');
		assert.deepEqual(
			suites.map((suite) => suite.attributes['name']),
			rows.map((r) => `${r.learner}/${r.lab}`),
		);
		for (const [index, suite] of suites.entries()) {
			const csv = rows[index] as CsvRow;
			const cases = findAll(suite, 'testcase');
			assert.equal(cases.length, csv.checksTotal);
			const failed = cases.filter((c) => findAll(c, 'failure').length > 0);
			assert.deepEqual(
				failed.map((c) => c.attributes['name']?.split(':')[0]),
				csv.failing,
			);
			assert.equal(suite.attributes['failures'], String(csv.failing.length));
		}
		const eve = findAll(suites[4] as (typeof suites)[number], 'failure')[0];
		assert.match(eve?.attributes['message'] ?? '', /limit/);
	});

	it('leaves no process and no temporary folder behind', () => {
		assert.ok(ran.seen.length >= 6, `saw only ${ran.seen.length} processes`);
		const alive = ran.seen.filter(stillRunning);
		assert.deepEqual(alive, [], 'processes started by the batch are still running');
		const looping = readFileSync(pidsFile, 'utf8').trim().split('\n').map(Number);
		assert.ok(looping.length > 0);
		for (const pid of looping) assert.throws(() => process.kill(pid, 0), /ESRCH/);
		assert.deepEqual(processesIn(scratch), []);
		assert.deepEqual(readdirSync(tmp), [], 'working copies are left in the temporary folder');
	});

	it('prints a class report from the CSV', async () => {
		const html = join(scratch, 'class.html');
		const report = await run(process.execPath, [
			cli,
			'--report',
			join(out, 'results.csv'),
			'--html',
			html,
		]);
		assert.equal(report.code, 0, report.stderr);
		const page = parseMarkup(readFileSync(html, 'utf8'));
		const sections = findAll(page, 'section').map((s) => s.attributes['data-learner']);
		assert.deepEqual(sections, ['ada', 'ben', 'cy', 'dee', 'eve']);
	});
});
