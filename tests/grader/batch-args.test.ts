// The instructor options beside the single-lab command line, and the usage errors that stop a
// batch before it grades anything.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isClassCommand, parseClassArgs } from '../../src/grader/batch/args.ts';
import { root, run } from './helpers.ts';

const cli = join(root, 'src', 'grader', 'cli.ts');
const scratch = mkdtempSync(join(tmpdir(), 'batch-args-test-'));

describe('grade --batch and --report arguments', () => {
	after(() => rmSync(scratch, { recursive: true, force: true }));

	it('leaves the single-lab command line to the grader', () => {
		assert.equal(isClassCommand(['round-robin', 'folder', '--json']), false);
		assert.equal(isClassCommand(['--batch', 'class']), true);
		assert.equal(isClassCommand(['--report=results.csv']), true);
	});

	it('reads every option, with defaults for out and jobs', () => {
		const parsed = parseClassArgs([
			'--batch',
			'class',
			'--jobs=3',
			'--seed',
			'9',
			'--timeout',
			'20',
		]);
		assert.deepEqual(parsed, {
			mode: 'batch',
			folder: 'class',
			out: 'grade-results',
			jobs: 3,
			seed: 9,
			timeoutMs: 20_000,
		});
		assert.deepEqual(
			parseClassArgs(['--batch', 'class']),
			{ mode: 'batch', folder: 'class', out: 'grade-results' },
			'without --jobs the width follows the processors',
		);
		assert.deepEqual(parseClassArgs(['--report', 'r.csv', '--html', 'r.html']), {
			mode: 'report',
			csv: 'r.csv',
			html: 'r.html',
		});
	});

	it('names each mistake', () => {
		const error = (argv: string[]) => {
			const parsed = parseClassArgs(argv);
			return 'error' in parsed ? parsed.error : '';
		};
		assert.match(
			error(['--batch', 'c', '--help']),
			/--jobs N +grade exactly N .*up to four per core/s,
		);
		assert.match(error(['--batch', 'c', '--jobs', '0']), /--jobs needs a whole number/);
		assert.match(error(['--batch', 'c', '--seed', '-1']), /--seed needs a whole number/);
		assert.match(error(['--batch', 'c', '--colour']), /unknown option --colour/);
		assert.match(error(['--batch']), /--batch needs a value/);
		assert.match(error(['--batch', 'c', '--html', 'x']), /--html belongs to --report/);
		assert.match(error(['--report', 'r.csv', '--jobs', '2']), /--jobs belongs to --batch/);
		assert.match(error(['--batch', 'c', '--report', 'r.csv']), /separate steps/);
	});

	it('exits 2 without grading when the folder is missing, empty, or would hold the results', async () => {
		const classDir = join(scratch, 'class');
		mkdirSync(join(classDir, 'ada', 'round-robin'), { recursive: true });
		const inside = await run(process.execPath, [
			cli,
			'--batch',
			classDir,
			'--out',
			join(classDir, 'out'),
		]);
		assert.equal(inside.code, 2);
		assert.match(inside.stderr, /is inside the submissions folder; give a folder outside it/);
		const missing = await run(process.execPath, [cli, '--batch', join(scratch, 'nope')]);
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /Folder not found: .*nope/);
		const empty = join(scratch, 'empty');
		mkdirSync(empty);
		const none = await run(process.execPath, [cli, '--batch', empty, '--out', join(scratch, 'o')]);
		assert.equal(none.code, 2);
		assert.match(none.stderr, /No submissions in .*empty: expected <learner>\/<lab-id>\/ folders/);
	});
});
