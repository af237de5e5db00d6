// A class graded in shards, as a CI matrix would: `--batch --shard K/N` run side by side, then
// `--merge` of their result folders. Each learner is graded in exactly one shard, the merged files
// hold the whole class in the batch's order, and shards stay put as the class grows.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseClassArgs } from '../../src/grader/batch/args.ts';
import { parseCsv, type CsvRow } from '../../src/grader/batch/csv.ts';
import { inShard } from '../../src/grader/shard.ts';
import { findAll, labsDir, parseMarkup, root, run, type Ran } from './helpers.ts';

const cli = join(root, 'src', 'grader', 'cli.ts');
const scratch = mkdtempSync(join(tmpdir(), 'shard-merge-'));
const classDir = join(scratch, 'class');
/** Empty submissions fail every check at once, which keeps this about sharding, not grading. */
const LEARNERS = ['ada', 'ben', 'cy', 'dee', 'eve', 'fay', 'gus'];
const SHARDS = 3;

const csvOf = (folder: string) => parseCsv(readFileSync(join(folder, 'results.csv'), 'utf8'));

describe('grade --batch --shard K/N and --merge', () => {
	let shards: Ran[];
	let merged: Ran;
	let rows: CsvRow[];

	before(async () => {
		for (const learner of LEARNERS)
			mkdirSync(join(classDir, learner, 'orders-api'), { recursive: true });
		cpSync(join(labsDir, 'orders-api', 'solution'), join(classDir, 'ada', 'orders-api'), {
			recursive: true,
		});
		shards = await Promise.all(
			Array.from({ length: SHARDS }, (_, i) =>
				run(
					process.execPath,
					[
						cli,
						'--batch',
						classDir,
						'--out',
						join(scratch, `shard-${i + 1}`),
						'--shard',
						`${i + 1}/${SHARDS}`,
						'--seed',
						'5',
						'--jobs',
						'1',
					],
					{ timeoutMs: 120_000 },
				),
			),
		);
		const folders = Array.from({ length: SHARDS }, (_, i) => join(scratch, `shard-${i + 1}`));
		merged = await run(process.execPath, [
			cli,
			'--merge',
			...folders,
			'--out',
			join(scratch, 'all'),
		]);
		rows = csvOf(join(scratch, 'all'));
	});
	after(() => rmSync(scratch, { recursive: true, force: true }));

	it('grades each learner in exactly one shard', () => {
		const seen = shards.flatMap((_, i) =>
			csvOf(join(scratch, `shard-${i + 1}`)).map((r) => r.learner),
		);
		assert.deepEqual([...seen].sort(), LEARNERS);
		for (const [i, ran] of shards.entries()) {
			assert.match(
				ran.stdout,
				new RegExp(`Shard ${i + 1} of ${SHARDS}: \\d+ of ${LEARNERS.length} learners`),
			);
			const mine = csvOf(join(scratch, `shard-${i + 1}`)).map((r) => r.learner);
			for (const learner of mine) assert.ok(inShard(learner, { index: i + 1, count: SHARDS }));
		}
	});

	it('merges the shards into the whole class, in order, CSV and JUnit alike', () => {
		assert.equal(merged.code, 0, merged.stderr);
		assert.deepEqual(
			rows.map((r) => r.learner),
			LEARNERS,
		);
		assert.equal(rows.find((r) => r.learner === 'ada')?.passed, true);
		assert.ok(
			rows.filter((r) => r.learner !== 'ada').every((r) => !r.passed && r.checksPassed === 0),
		);
		const xml = parseMarkup(readFileSync(join(scratch, 'all', 'results.xml'), 'utf8'));
		const suites = findAll(xml, 'testsuite');
		assert.deepEqual(
			suites.map((s) => s.attributes['name']),
			LEARNERS.map((l) => `${l}/orders-api`),
		);
		const top = findAll(xml, 'testsuites')[0];
		const cases = findAll(xml, 'testcase').length;
		assert.equal(top?.attributes['tests'], String(cases));
		assert.equal(top.attributes['failures'], String(findAll(xml, 'failure').length));
	});

	it('refuses to merge a shard twice, naming the submission', async () => {
		const k = [1, 2, 3].find((index) => inShard('ada', { index, count: SHARDS })) ?? 0;
		const one = join(scratch, `shard-${k}`);
		const twice = await run(process.execPath, [
			cli,
			'--merge',
			one,
			one,
			'--out',
			join(scratch, 'bad'),
		]);
		assert.equal(twice.code, 2, twice.stderr);
		assert.match(
			twice.stderr,
			/ada\/orders-api is in both .* and .*: merge the shards of one class/,
		);
	});

	it('refuses a shard that is not K/N', () => {
		assert.deepEqual(parseClassArgs(['--batch', 'c', '--shard', '4/3']), {
			error: '--shard needs K/N with 1 <= K <= N, such as 2/3',
		});
	});
});
