// A lab may let a few checks run at once; the report must still read in the lab's own order, and a
// failing check must stay attached to its own id.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CheckFailure, defineLab, runLab, type Check } from '../../src/harness/index.ts';
import { programs } from './helpers.ts';

/** A check that records when it ran, waits `ms`, and fails when told to. */
function timed(id: string, ms: number, spans: Map<string, [number, number]>, fail = false): Check {
	return {
		id,
		title: `Check ${id}`,
		async run(ctx) {
			const start = Date.now();
			await ctx.sleep(ms);
			spans.set(id, [start, Date.now()]);
			if (fail) throw new CheckFailure(`${id} failed on purpose`);
		},
	};
}

describe('concurrent checks', () => {
	it('overlap in time when the lab allows it, and report in the lab order', async () => {
		const spans = new Map<string, [number, number]>();
		const checks = [
			timed('slow', 400, spans),
			timed('fails', 50, spans, true),
			timed('quick', 50, spans),
		];
		const lab = defineLab({ id: 't', title: 'T', entry: 'server.js', concurrency: 3, checks });
		const result = await runLab(lab, { folder: join(programs, 'echo'), seed: 1 });
		assert.deepEqual(
			result.checks.map((check) => [check.id, check.status]),
			[
				['slow', 'pass'],
				['fails', 'fail'],
				['quick', 'pass'],
			],
		);
		assert.match(result.checks[1]?.message ?? '', /fails failed on purpose/);
		const [slowStart, slowEnd] = spans.get('slow') ?? [0, 0];
		const [quickStart] = spans.get('quick') ?? [0, 0];
		assert.ok(quickStart >= slowStart && quickStart < slowEnd, 'quick started while slow ran');
		assert.equal(result.passed, false);
	});

	it('start the checks marked slow first, and still report in the lab order', async () => {
		const started: string[] = [];
		const check = (id: string, slow: boolean): Check => ({
			id,
			title: `Check ${id}`,
			slow,
			async run(ctx) {
				started.push(id);
				await ctx.sleep(20);
			},
		});
		const checks = [check('a', false), check('b', true), check('c', false), check('d', true)];
		const lab = defineLab({ id: 't', title: 'T', entry: 'server.js', concurrency: 2, checks });
		const ended: string[] = [];
		const result = await runLab(lab, {
			folder: join(programs, 'echo'),
			seed: 1,
			onEvent: (event) => {
				if (event.type === 'check-end') ended.push(event.id);
			},
		});
		assert.deepEqual(started, ['b', 'd', 'a', 'c']);
		// The slow checks finish first, but their results wait for the ones listed before them.
		assert.deepEqual(ended, ['a', 'b', 'c', 'd']);
		assert.deepEqual(
			result.checks.map((end) => end.id),
			['a', 'b', 'c', 'd'],
		);
	});

	it('run one at a time by default', async () => {
		const spans = new Map<string, [number, number]>();
		const lab = defineLab({
			id: 't',
			title: 'T',
			entry: 'server.js',
			checks: [timed('first', 150, spans), timed('second', 10, spans)],
		});
		await runLab(lab, { folder: join(programs, 'echo'), seed: 1 });
		const [, firstEnd] = spans.get('first') ?? [0, 0];
		const [secondStart] = spans.get('second') ?? [0, 0];
		assert.ok(secondStart >= firstEnd, 'second started after first ended');
	});
});
