// The batch's pool: how many submissions are graded at once, with a fixed --jobs and when the
// width follows the processors' idle time (given here by the test, not measured).
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { defaultWidth, machineIdleCores, runPool } from '../../src/grader/batch/pool.ts';

/** Runs `count` items of `ms` each and records how many ran at once as each one started; the idle
 * time the pool sees may depend on how many have started. */
async function observe(
	count: number,
	options: { min: number; max: number; idle?: (started: number) => number | undefined },
	ms = 20,
	signal = new AbortController().signal,
) {
	let active = 0;
	const atStart: number[] = [];
	const results = await runPool(
		Array.from({ length: count }, (_, index) => index),
		{
			min: options.min,
			max: options.max,
			signal,
			lookMs: 5,
			...(options.idle ? { idleCores: () => options.idle?.(atStart.length) } : {}),
		},
		async (item) => {
			atStart.push(++active);
			await sleep(ms);
			active--;
			return item * 10;
		},
	);
	return { results, atStart };
}

describe('the batch pool', () => {
	it('runs exactly --jobs at a time and keeps the order of the submissions', async () => {
		const { results, atStart } = await observe(12, { min: 3, max: 3, idle: () => 2 });
		assert.deepEqual(
			results,
			Array.from({ length: 12 }, (_, index) => index * 10),
		);
		assert.equal(Math.max(...atStart), 3);
	});

	it('adds graders while the processors are idle, never more than the most allowed', async () => {
		const { atStart } = await observe(60, { min: 2, max: 5, idle: () => 1.5 });
		assert.equal(Math.max(...atStart), 5);
	});

	it('adds none while the processors are busy or cannot tell', async () => {
		for (const idle of [0.3, 0, undefined]) {
			const { atStart } = await observe(30, { min: 2, max: 8, idle: () => idle });
			assert.equal(Math.max(...atStart), 2, `idle ${String(idle)}`);
		}
	});

	it('lets the extra graders finish without replacing them once the machine is busy', async () => {
		const idle = (started: number) => (started < 40 ? 2 : 0);
		const { atStart } = await observe(80, { min: 2, max: 6, idle });
		assert.equal(Math.max(...atStart.slice(0, 40)), 6, 'it grew while idle');
		assert.ok(
			atStart.slice(-20).every((n) => n <= 2),
			`busy again, it shrank: ${atStart.join(' ')}`,
		);
	});

	it('starts no more once stopped, and returns what finished', async () => {
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		const { results } = await observe(100, { min: 2, max: 2 }, 20, controller.signal);
		assert.ok(results.length > 0 && results.length < 100, `${results.length} finished`);
		assert.deepEqual(
			results,
			results.map((_, index) => index * 10),
		);
	});

	it('fails when grading itself fails', async () => {
		const signal = new AbortController().signal;
		await assert.rejects(
			runPool([1, 2, 3], { min: 2, max: 2, signal }, async (item) => {
				if (item === 2) throw new Error('no temporary folder');
				return item;
			}),
			/no temporary folder/,
		);
	});

	it('defaults to one grader per core, up to four per core', () => {
		const cores = availableParallelism();
		assert.deepEqual(defaultWidth(), { min: cores, max: 4 * cores });
	});

	it('measures idle processor time in cores', async () => {
		const idleCores = machineIdleCores();
		await sleep(100);
		const idle = idleCores();
		if (idle === undefined) return;
		assert.ok(idle >= 0 && idle <= availableParallelism() + 0.5, `idle ${idle}`);
	});
});
