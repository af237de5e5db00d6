import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TimeScale } from '../../src/harness/types.ts';
import { startBusyLoad } from '../../scripts/lib/busy-load.ts';
import { localRuntimeScale, SessionScale } from '../../src/runtime/session-scale.ts';

// The in-browser session's figure of the machine's speed: measured as the session starts and again
// after each run, so that only the first run can wait for a measurement.

const scale = (factor: number): TimeScale => ({ factor, capped: false, startMs: 0, cpuMs: 0 });

/** A measurement that the test finishes when it chooses, counting how many were started. */
function measurements() {
	const pending: ((value: TimeScale) => void)[] = [];
	return {
		pending,
		measure: () => new Promise<TimeScale>((resolve) => pending.push(resolve)),
	};
}

test('the first run waits for the measurement the session started with; later runs take the newest figure at once', async () => {
	const { pending, measure } = measurements();
	const session = new SessionScale(measure);
	assert.equal(pending.length, 1, 'measured as the session starts');
	const first = session.current();
	pending[0]?.(scale(1.5));
	assert.deepEqual(await first, scale(1.5));

	session.refresh();
	session.refresh();
	assert.equal(pending.length, 2, 'one measurement at a time');
	assert.deepEqual(await session.current(), scale(1.5), 'the figure before, while measuring again');
	pending[1]?.(scale(2));
	await new Promise((resolve) => setImmediate(resolve));
	assert.deepEqual(await session.current(), scale(2), 'the newer figure once measured');
});

test('a measurement that fails keeps the figure before, and none at all lets the run measure', async () => {
	let calls = 0;
	const session = new SessionScale(() =>
		++calls === 2 ? Promise.resolve(scale(1.2)) : Promise.reject(new Error('no Node to start')),
	);
	assert.equal(await session.current(), undefined);
	session.refresh();
	assert.deepEqual(await session.current(), scale(1.2));
	session.refresh();
	await new Promise((resolve) => setImmediate(resolve));
	assert.deepEqual(await session.current(), scale(1.2));
});

test('a page opening on a fresh figure measures nothing; on one grown old it measures again, and a closed runtime measures no more', async () => {
	const { pending, measure } = measurements();
	const session = new SessionScale(measure);
	pending[0]?.(scale(1.4));
	assert.deepEqual(await session.current(), scale(1.4));
	session.refreshIfOlder(60_000);
	assert.equal(pending.length, 1, 'a figure measured just now is kept');
	session.refreshIfOlder(0);
	assert.equal(pending.length, 2, 'an old figure is measured again');
	let closed = false;
	const closing = session.close().then(() => (closed = true));
	await new Promise((resolve) => setImmediate(resolve));
	assert.equal(closed, false, 'closing waits for the measurement under way');
	pending[1]?.(scale(1.6));
	await closing;
	session.refresh();
	assert.equal(pending.length, 2, 'nothing is measured once closed');
});

test('a figure measured earlier is brought up to date as a run takes it; one just measured is taken as it is', async () => {
	const { pending, measure } = measurements();
	const uses: TimeScale[] = [];
	const session = new SessionScale(measure, {
		atUse: (earlier) => {
			uses.push(earlier);
			return Promise.resolve({ ...earlier, factor: earlier.factor + 1 });
		},
	});
	const first = session.current();
	pending[0]?.(scale(1.5));
	assert.deepEqual(await first, scale(1.5), 'waited for: measured just now');
	assert.deepEqual(await session.current(), scale(2.5));
	assert.deepEqual(uses, [scale(1.5)]);
});

test("the local runtime's figure, measured on an idle machine, stretches limits at once when the machine turns busy", async () => {
	// Node's start-up as on the reference machine and no computation at all: factor 1.
	const idle: TimeScale = { factor: 1, capped: false, startMs: 40, cpuMs: 0.1 };
	const session = localRuntimeScale(() => Promise.resolve(idle));
	await session.current();
	const load = startBusyLoad(3, 20_000);
	try {
		// Three busy loops per core leave this process about a quarter of a core.
		await new Promise((resolve) => setTimeout(resolve, 300));
		const busy = await session.current();
		assert.ok(busy && busy.factor >= 1.5, JSON.stringify(busy));
		assert.equal(busy.startMs, 40, "Node's start-up is the earlier figure's");
	} finally {
		await load.stop();
	}
});
