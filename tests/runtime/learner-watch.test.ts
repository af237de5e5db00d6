import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { trackGroup, untrackGroup } from '../../src/harness/process-registry.ts';
import { LearnerWatch, outlivedStop, stopRequested } from '../../src/runtime/learner-watch.ts';
import { eventually } from '../support/poll.ts';

// The session's watch over learner processes, with a real process that stands in for a learner
// program the harness could not stop: it is registered as the harness registers one, then let go.

function waitFor<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return Promise.race([
		promise,
		new Promise<never>(
			(_, reject) =>
				(timer = setTimeout(() => reject(new Error(`No ${what} within ${ms} ms`)), ms)),
		),
	]).finally(() => clearTimeout(timer));
}

test('a process still there after the harness let go of it is reported stuck, once', async () => {
	const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
	const exited = new Promise((resolve) => child.on('exit', resolve));
	const pid = child.pid ?? -1;
	const reports: number[][] = [];
	let reported: (pids: number[]) => void = () => {};
	const stuck = new Promise<number[]>((resolve) => (reported = resolve));
	const watch = new LearnerWatch((pids) => {
		reports.push(pids);
		reported(pids);
	});
	try {
		trackGroup(pid, exited);
		untrackGroup(pid);
		assert.deepEqual(await waitFor(stuck, 5_000, 'stuck report'), [pid]);
		outlivedStop(pid);
		assert.equal(reports.length, 1, 'reported once: the page replaces the container once');
	} finally {
		watch.close();
		child.kill('SIGKILL');
		await exited;
	}
});

test('a process that goes when stopped is forgotten, and a stop that finished without an exit is reported at once', async () => {
	const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
	const exited = new Promise((resolve) => child.on('exit', resolve));
	const pid = child.pid ?? -1;
	const reports: number[][] = [];
	const watch = new LearnerWatch((pids) => reports.push(pids));
	try {
		trackGroup(pid, exited);
		stopRequested(pid);
		child.kill('SIGTERM');
		await exited;
		untrackGroup(pid);
		// Gone before its deadline: the watch's next look forgets it, without a report.
		await eventually(() => watch.watching === 0, 5_000, 50);
		assert.equal(watch.watching, 0, 'the process is forgotten');
		assert.equal(reports.length, 0);
		outlivedStop(4242);
		assert.deepEqual(reports, [[4242]]);
	} finally {
		watch.close();
	}
	outlivedStop(4343);
	assert.equal(reports.length, 1, 'a closed watch hears nothing');
});
