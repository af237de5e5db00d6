// The grader command line as a learner or CI runs it: a real process, its exit status, its streams.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { groupGone, programs } from './helpers.ts';
import { eventually } from '../support/poll.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const testLabs = join(root, 'tests', 'harness', 'labs');
const schema = JSON.parse(
	readFileSync(join(root, 'src', 'grader', 'report.schema.json'), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

interface Ran {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs the grader CLI with a bounded time; a hang fails the test rather than stalling it. */
export function grade(
	args: string[],
	command = [join(root, 'src', 'grader', 'cli.ts')],
	input = '',
): Promise<Ran> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [...command, ...args], {
			cwd: root,
			env: { PATH: process.env['PATH'] ?? '', COURSE_LABS_DIR: testLabs },
		});
		child.stdin.end(input);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`grader did not end within 30 s: ${stdout}${stderr}`));
		}, 30_000);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

/** The report's lines without the time-scale sentence, which appears only when this machine runs
 * slowly at the moment; tests/harness/time-scale.test.ts checks that sentence under load. */
function reportLines(stdout: string): string[] {
	return stdout
		.trim()
		.split('\n')
		.filter((line) => !/^This machine ran .* slower than usual/.test(line));
}

describe('the grader command line', () => {
	it('exits 0 and prints one line per check and the summary when every check passes', async () => {
		const { code, stdout, stderr } = await grade(['echo', join(programs, 'echo')]);
		assert.equal(code, 0, stderr);
		assert.deepEqual(reportLines(stdout), [
			'✓ Answers a request with JSON naming its path',
			'✓ Reads the data file the grader writes into its folder',
			'✓ Reports a figure',
			'3 passed, 0 failed',
		]);
	});

	it('exits 1 on a failing check and prints the message, curl line, output and seed', async () => {
		const { code, stdout } = await grade([
			'echo',
			join(programs, 'throws-on-request'),
			'--seed',
			'7',
			'--only',
			'answers-json',
		]);
		assert.equal(code, 1);
		const lines = reportLines(stdout);
		assert.equal(lines[0], '✗ Answers a request with JSON naming its path');
		assert.match(
			lines[1] ?? '',
			/^ {2}Your program exited with code 1 before answering GET \/\w+\?q=\d+ \(it crashed\)/,
		);
		assert.match(lines[2] ?? '', /^ {2}curl -i 'http:\/\/127\.0\.0\.1:\d+\/\w+\?q=\d+'$/);
		assert.ok(lines.some((line) => line.startsWith('  [your_program] Error: handler blew up')));
		assert.deepEqual(lines.slice(-2), ['0 passed, 1 failed', 'seed: 7 (replay with --seed 7)']);
		const again = await grade([
			'echo',
			join(programs, 'throws-on-request'),
			'--seed',
			'7',
			'--only',
			'answers-json',
		]);
		assert.equal(
			reportLines(again.stdout)[1]?.replace(/:\d+/g, ''),
			lines[1]?.replace(/:\d+/g, ''),
			'the seed replays the same path',
		);
		// `--seed -` reads the seed from standard input, as the sandbox hands it in.
		const fromInput = await grade(
			['echo', join(programs, 'throws-on-request'), '--seed', '-', '--only', 'answers-json'],
			undefined,
			'7\n',
		);
		assert.deepEqual(reportLines(fromInput.stdout).slice(-1), ['seed: 7 (replay with --seed 7)']);
		assert.equal(
			reportLines(fromInput.stdout)[1]?.replace(/:\d+/g, ''),
			lines[1]?.replace(/:\d+/g, ''),
			'the seed read from standard input replays the same path',
		);
	});

	it('prints exactly one JSON document that matches the schema with --json', async () => {
		for (const [folder, passed] of [
			['echo', true],
			['crash-at-start', false],
		] as const) {
			const { code, stdout, stderr } = await grade(['echo', join(programs, folder), '--json']);
			assert.equal(code, passed ? 0 : 1);
			const report = JSON.parse(stdout) as {
				passed: boolean;
				timeScale?: { factor: number; capped: boolean };
				checks: { status: string; message?: string }[];
			};
			assert.ok(validate(report), JSON.stringify(validate.errors));
			assert.equal(report.passed, passed);
			// The scale this machine measured, so a reader can tell a slow run from a fast one.
			assert.ok((report.timeScale?.factor ?? 0) >= 1, JSON.stringify(report.timeScale));
			if (!passed) {
				assert.match(report.checks[0]?.message ?? '', /crashed at start/);
				assert.match(stderr, /^seed: \d+ \(replay with --seed \d+\)\n$/);
			}
		}
	});

	it('exits 2 with one line on stderr for usage errors, naming the problem', async () => {
		const cases: [string[], RegExp][] = [
			[[], /^usage: /],
			[['nope', programs], /^Unknown lab "nope"\. Known labs: echo$/],
			[
				['echo', join(root, 'no-such-folder')],
				/^Folder not found: .*no-such-folder \(give the folder that holds your server\.js\)$/,
			],
			[['echo', programs, '--seed', 'x'], /^--seed needs a whole number/],
			[['echo', programs, '--seed', '-'], /^--seed - needs a whole number on standard input$/],
			[
				['echo', programs, '--only', 'nope'],
				/^Unknown check nope in lab echo\. Its checks: answers-json, /,
			],
		];
		for (const [args, message] of cases) {
			const { code, stdout, stderr } = await grade(args);
			assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
			assert.equal(stdout, '');
			assert.equal(stderr.split('\n').length, 2, `one line: ${stderr}`);
			assert.match(stderr.trim(), message);
		}
	});

	it('streams events as JSON lines, and leaves no process or copy behind when stopped mid-run', async () => {
		// A private temporary folder, so the grader's working copies can be counted.
		const scratch = mkdtempSync(join(tmpdir(), 'cli-stop-'));
		const child = spawn(
			process.execPath,
			[join(root, 'src', 'grader', 'cli.ts'), 'echo', join(programs, 'never-listens'), '--events'],
			{
				cwd: root,
				env: { PATH: process.env['PATH'] ?? '', COURSE_LABS_DIR: testLabs, TMPDIR: scratch },
			},
		);
		let stdout = '';
		const pid = await new Promise<number>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no pid printed: ${stdout}`)), 10_000);
			child.stdout.on('data', (chunk: Buffer) => {
				stdout += chunk.toString();
				const match = /starting up \(pid (\d+)\)/.exec(stdout);
				if (match) {
					clearTimeout(timer);
					resolve(Number(match[1]));
				}
			});
		});
		const events = stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as { type: string });
		assert.deepEqual(
			events.slice(0, 2).map((event) => event.type),
			['run-start', 'check-start'],
		);
		assert.equal(groupGone(pid), false, 'the learner program runs');
		assert.equal(readdirSync(scratch).length, 1, 'one working copy exists while it runs');
		const closed = new Promise((resolve) => child.on('close', resolve));
		child.kill('SIGTERM');
		assert.equal(await closed, 143);
		// SIGKILL and the reaping of the orphan take a moment; wait for the state, bounded.
		await eventually(() => groupGone(pid), 2000);
		assert.ok(groupGone(pid), 'the learner program was killed with the grader');
		assert.deepEqual(readdirSync(scratch), [], 'the working copy was removed');
		rmSync(scratch, { recursive: true, force: true });
	});

	it('fails the checks, not the command line, when the entry file is missing', async () => {
		const { code, stdout } = await grade(['echo', programs, '--json']);
		assert.equal(code, 1);
		const report = JSON.parse(stdout) as { checks: { message?: string }[] };
		assert.match(report.checks[0]?.message ?? '', /entry file server\.js/);
	});
});
