// What a run gives labs and learners: events in a fixed order, replayable random data, a learner
// folder that is never written to, and a missing entry file reported as a failed check.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
	defineLab,
	expectJson,
	runLab,
	type Check,
	type HarnessEvent,
} from '../../src/harness/index.ts';
import { programs, runOneCheck } from './helpers.ts';

const echo = join(programs, 'echo');

function lab(checks: Check[]) {
	return defineLab({ id: 'test-lab', title: 'Test lab', entry: 'server.js', checks });
}

function hashTree(folder: string): string {
	const hash = createHash('sha256');
	const walk = (dir: string) => {
		for (const name of readdirSync(dir).sort()) {
			const path = join(dir, name);
			hash.update(path.slice(folder.length));
			if (statSync(path).isDirectory()) walk(path);
			else hash.update(readFileSync(path));
		}
	};
	walk(folder);
	return hash.digest('hex');
}

describe('a run', () => {
	it('emits events in order: run-start, each check between its start and end, run-end', async () => {
		const events: HarnessEvent[] = [];
		await runLab(
			lab([
				{
					id: 'one',
					title: 'One',
					run: async (ctx) => {
						await ctx.request(await ctx.start(), { path: '/' });
						ctx.figure('n', 1);
					},
				},
				{ id: 'two', title: 'Two', run: async (ctx) => ctx.fail('nope') },
				{ id: 'three', title: 'Three', run: async () => {} },
			]),
			{ folder: echo, only: ['one', 'two'], onEvent: (event) => events.push(event) },
		);
		const kinds = events.map((e) =>
			'id' in e ? `${e.type}:${e.id}` : 'checkId' in e ? `${e.type}:${e.checkId}` : e.type,
		);
		assert.deepEqual(
			kinds.filter((kind) => !kind.startsWith('output:')),
			[
				'run-start',
				'check-start:one',
				'figure:one',
				'check-end:one',
				'check-start:two',
				'check-end:two',
				'check-end:three',
				'run-end',
			],
		);
		const outputs = kinds
			.map((kind, i) => [kind, i] as const)
			.filter(([kind]) => kind.startsWith('output:'));
		assert.ok(outputs.length > 0, 'the program printed a line');
		for (const [kind, i] of outputs) {
			assert.equal(kind, 'output:one');
			assert.ok(i > kinds.indexOf('check-start:one') && i < kinds.indexOf('check-end:one'));
		}
		const skipped = events.find((e) => e.type === 'check-end' && e.id === 'three');
		assert.equal(skipped?.type === 'check-end' && skipped.status, 'skip');
	});

	it('replays the same random data for the same seed, and other data for another', async () => {
		const draw = async (seed: number, only?: string[]) => {
			const seen: string[] = [];
			const checks: Check[] = ['a', 'b'].map((id) => ({
				id,
				title: id,
				run: async (ctx) => {
					seen.push(
						`${id}:${ctx.random.seed}:${ctx.random.id('p')}:${ctx.random.int(0, 1e6)}:${ctx.random.shuffle([1, 2, 3, 4, 5]).join('')}`,
					);
				},
			}));
			await runLab(lab(checks), { folder: echo, seed, ...(only ? { only } : {}) });
			return seen;
		};
		const first = await draw(42);
		assert.deepEqual(await draw(42), first);
		assert.notDeepEqual(await draw(43), first);
		assert.deepEqual(
			await draw(42, ['b']),
			[first[1]],
			'one check alone gets the data it had in the full run',
		);
		assert.notEqual(
			first[0]?.split(':').slice(2).join(),
			first[1]?.split(':').slice(2).join(),
			'checks get different data',
		);
	});

	it('never writes into the learner folder, skips node_modules, and passes only a safe environment', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'learner-'));
		try {
			cpSync(echo, folder, { recursive: true });
			mkdirSync(join(folder, 'node_modules', 'dep'), { recursive: true });
			writeFileSync(join(folder, 'node_modules', 'dep', 'index.js'), 'export default 1;\n');
			const before = hashTree(folder);
			let body: Record<string, unknown> = {};
			const { result } = await runOneCheck(
				'echo',
				async (ctx) => {
					const program = await ctx.start({
						files: { 'data.json': '{"from":"grader"}', 'sub/dir/x.txt': 'x' },
						env: { GREETING: 'hello' },
					});
					body = expectJson(await ctx.request(program, { path: '/' })) as Record<string, unknown>;
				},
				{ folder },
			);
			assert.equal(result.checks[0]?.status, 'pass', result.checks[0]?.message);
			assert.deepEqual(body['data'], { from: 'grader' });
			assert.equal(body['greeting'], 'hello');
			assert.equal(body['hasNodeModules'], false);
			assert.equal(body['inherited'], null, 'no NODE_OPTIONS or test-runner variables leak in');
			assert.equal(hashTree(folder), before);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	it('fails a check, not the run, when the entry file is missing', async () => {
		const { result } = await runOneCheck('echo', async (ctx) => void (await ctx.start()), {
			folder: programs,
		});
		assert.match(
			result.checks[0]?.message ?? '',
			/^Expected your program's entry file server\.js in .*programs, but there is no such file$/,
		);
	});
});
