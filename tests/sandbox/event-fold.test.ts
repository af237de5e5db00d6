// The events a sandboxed harness prints, read as data by the grader outside: what a check's end
// carries across, and what is dropped. Pure folding, no sandbox needed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabDefinition } from '../../src/harness/index.ts';
import { foldEvents } from '../../src/sandbox/event-fold.ts';

const lab: LabDefinition = {
	id: 'two-checks',
	title: 'Two checks',
	entry: 'server.js',
	checks: [
		{ id: 'first', title: 'The first check', run: async () => {} },
		{ id: 'second', title: 'The second check', run: async () => {} },
	],
};

const end = (fields: Record<string, unknown>) =>
	JSON.stringify({ type: 'check-end', durationMs: 12, ...fields });

describe('folding the events of a sandboxed harness', () => {
	it('keeps that a check passed only when run again, and adds nothing to one that passed at once', () => {
		const fold = foldEvents(lab, 7);
		const again = fold.line(end({ id: 'first', title: 'ignored', status: 'pass', retried: true }));
		const once = fold.line(end({ id: 'second', title: 'ignored', status: 'pass' }));
		assert.deepEqual(again, {
			type: 'check-end',
			id: 'first',
			title: 'The first check',
			status: 'pass',
			durationMs: 12,
			retried: true,
		});
		assert.equal(once !== undefined && 'retried' in once, false);
		const result = fold.result(Date.now());
		assert.equal(result.passed, true);
		assert.equal(result.checks[0]?.retried, true);
	});

	it('takes only a true retried flag, and only the first end of a check', () => {
		const fold = foldEvents(lab, 7);
		const odd = fold.line(end({ id: 'first', status: 'fail', retried: 'yes', message: 'late' }));
		assert.equal(odd !== undefined && 'retried' in odd, false);
		assert.equal(fold.line(end({ id: 'first', status: 'pass', retried: true })), undefined);
		assert.equal(fold.line('not json'), undefined);
		assert.equal(fold.line(end({ id: 'unknown', status: 'pass' })), undefined);
	});
});
