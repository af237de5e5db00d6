// Cheats fail because the grader's data is random per run and replayable with --seed (issue 13).
// For three labs with generated data, a correct program is graded once with seed A behind a
// recorder (tests/fixtures/cheats/recorder/) that writes down every request and answer; a cheat
// built on that table (tests/fixtures/cheats/<lab>-replay/), which recognises the check it is in by
// the shape of its data and implements nothing, then passes under seed A, which shows the cheat is
// real, and fails under seed B on a named check. A last test shows what a program can learn about
// the grader (its environment, its working folder) and that knowing it gains nothing.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
	measureTimeScale,
	runLab,
	type RunResult,
	type TimeScale,
} from '../../src/harness/index.ts';
import { discoverLabs } from '../../src/labs/index.ts';
import { root } from '../grader/helpers.ts';

const SEED_A = 1313;
const SEED_B = 2424;
const cheats = join(root, 'tests', 'fixtures', 'cheats');
const labs = new Map((await discoverLabs()).map((found) => [found.lab.id, found]));
const scratch = await mkdtemp(join(tmpdir(), 'cheats-test-'));
after(() => rm(scratch, { recursive: true, force: true }));

/** Measured once for the file: every run then skips measuring the machine again. */
let scale: TimeScale | undefined;

async function grade(id: string, folder: string, seed: number, only: string[]) {
	scale ??= await measureTimeScale();
	return runLab(lab(id).lab, { folder, seed, only, timeScale: scale });
}

function lab(id: string) {
	const found = labs.get(id);
	assert.ok(found, `no lab ${id}`);
	return found;
}

function summary(result: RunResult): string {
	const lines = result.checks
		.filter((check) => check.status !== 'skip')
		.map((check) => `${check.id}: ${check.status}${check.message ? ` (${check.message})` : ''}`);
	return `seed ${result.seed}:\n  ${lines.join('\n  ')}`;
}

/** Grades the lab's solution with `seed` behind the recorder and returns the table it wrote. */
async function record(id: string, cheat: string, seed: number, only: string[]): Promise<string> {
	const { lab: definition, folder } = lab(id);
	const dir = await mkdtemp(join(scratch, `${id}-recorder-`));
	const log = join(dir, '..', `${id}-table.ndjson`);
	await cp(join(folder, 'solution'), join(dir, 'real'), { recursive: true });
	await cp(join(cheats, 'recorder', 'record.js'), join(dir, definition.entry));
	await cp(join(cheats, 'recorder', 'package.json'), join(dir, 'package.json'));
	await cp(join(cheats, cheat, 'scope.js'), join(dir, 'scope.js'));
	await writeFile(
		join(dir, 'recorder.json'),
		JSON.stringify({ entry: `real/${definition.entry}`, log }),
	);
	const result = await grade(id, dir, seed, only);
	assert.ok(result.passed, `the solution behind the recorder must pass: ${summary(result)}`);
	const rows = (await readFile(log, 'utf8')).trim().split('\n');
	assert.ok(rows.length > 0, 'the recorder wrote no row');
	return `[${rows.join(',')}]`;
}

/** The cheat's folder with the recorded table beside it, as a learner would hand it in. */
async function cheatWith(cheat: string, table: string): Promise<string> {
	const dir = await mkdtemp(join(scratch, `${cheat}-`));
	await cp(join(cheats, cheat), dir, { recursive: true });
	await writeFile(join(dir, 'table.json'), table);
	return dir;
}

interface Case {
	lab: string;
	cheat: string;
	/** Checks to run: those the table can answer, kept few so the test stays quick. */
	only: string[];
	/** The check that must fail under seed B, and what its message must say. */
	failsCheck: string;
	message: RegExp;
}

const cases: Case[] = [
	{
		// Token and catalogue name the check; the answers are the solution's, byte for byte.
		lab: 'orders-api',
		cheat: 'orders-api-replay',
		only: ['lists-products', 'gets-product', 'creates-order', 'gets-order', 'requires-token'],
		failsCheck: 'lists-products',
		message: /^Expected status 200 for GET \/products, got 404/,
	},
	{
		// PUBLIC_DIR's name names the check; no file is ever read from disk.
		lab: 'web-tier',
		cheat: 'web-tier-replay',
		only: ['serves-files', 'content-types', 'serves-index', 'decodes-paths', 'routes-by-prefix'],
		failsCheck: 'serves-files',
		message: /^Expected status 200 for GET \/index\.html, got 404/,
	},
	{
		// A proxy that forwards everything and answers HIT where the table says a cache did.
		lab: 'caching',
		cheat: 'caching-replay',
		only: ['caches-get-200', 'key-includes-query', 'stores-only-get-200', 'invalidates-on-write'],
		failsCheck: 'caches-get-200',
		message:
			/^Expected X-Cache: HIT for GET \/\S+ \(the same GET was answered with 200 a moment ago\), got X-Cache: MISS/,
	},
];

/** Each lab's table, kept for the test of a cheat that detects the grader. */
const tables = new Map<string, string>();

for (const c of cases) {
	// The two runs of the cheat are independent, so they run at once.
	describe(
		`a ${c.lab} cheat that answers from a table of seed ${SEED_A}`,
		{ concurrency: 2 },
		() => {
			let table = '';
			before(async () => {
				table = await record(c.lab, c.cheat, SEED_A, c.only);
				tables.set(c.lab, table);
			});

			it(`passes under seed ${SEED_A}, so the table is right for that run`, async () => {
				const result = await grade(c.lab, await cheatWith(c.cheat, table), SEED_A, c.only);
				assert.ok(result.passed, summary(result));
			});

			it(`fails ${c.failsCheck} under seed ${SEED_B}`, async () => {
				const result = await grade(c.lab, await cheatWith(c.cheat, table), SEED_B, c.only);
				assert.equal(result.passed, false, summary(result));
				const check = result.checks.find(({ id }) => id === c.failsCheck);
				assert.equal(check?.status, 'fail', summary(result));
				assert.match(check.message ?? '', c.message, summary(result));
			});
		},
	);
}

describe('a cheat that detects the grader before it answers from its table', () => {
	const only = cases[0]?.only ?? [];
	const probe = join(scratch, 'probe.json');
	const nodeEnv = process.env['NODE_ENV'];
	let seen: { nodeEnv: string | null; envNames: string[]; signals: string[] } | undefined;
	let underA: RunResult | undefined;
	before(async () => {
		const folder = await cheatWith('orders-api-detects-grader', tables.get('orders-api') ?? '[]');
		await writeFile(join(folder, 'probe.json'), JSON.stringify({ probe }));
		// The grader's own process says "test"; none of it may reach the program.
		process.env['NODE_ENV'] = 'test';
		try {
			underA = await grade('orders-api', folder, SEED_A, only);
			seen = JSON.parse(await readFile(probe, 'utf8')) as typeof seen;
		} finally {
			if (nodeEnv === undefined) delete process.env['NODE_ENV'];
			else process.env['NODE_ENV'] = nodeEnv;
		}
	});

	it("sees no NODE_ENV and only PATH, HOME, the locale and the lab's own variables", () => {
		assert.equal(seen?.nodeEnv, null);
		const allowed = new Set(['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LC_ALL', 'TZ']);
		const extra = seen?.envNames.filter((name) => !allowed.has(name));
		assert.deepEqual(extra, ['API_TOKEN', 'PORT']);
	});

	it(`knows it is graded by its working folder, and passes under seed ${SEED_A}`, () => {
		assert.ok(seen?.signals.includes('working folder'), JSON.stringify(seen));
		assert.ok(underA?.passed, underA && summary(underA));
	});

	it(`gains nothing from knowing it: under seed ${SEED_B} it fails lists-products`, async () => {
		const folder = await cheatWith('orders-api-detects-grader', tables.get('orders-api') ?? '[]');
		await writeFile(join(folder, 'probe.json'), JSON.stringify({ probe }));
		const result = await grade('orders-api', folder, SEED_B, only);
		const check = result.checks.find(({ id }) => id === 'lists-products');
		assert.equal(check?.status, 'fail', summary(result));
	});
});
