import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { HarnessEvent } from '../../src/harness/types.ts';
import { listLabs } from '../../src/labs/index.ts';
import type { LabFiles } from '../../src/shared/protocol.ts';
import type { Runtime } from '../../src/client/lab/adapters/types.ts';
import { SessionLink } from '../../src/client/lab/adapters/session-link.ts';
import { connectWire } from '../../src/client/lab/adapters/wire-runtime.ts';
import { root } from './helpers.ts';
import {
	buildSessionBundle,
	createLimitsHost,
	limitsUnavailable,
	type LimitsHost,
	type LimitsOptions,
} from '../../scripts/lib/limits-host.ts';
import { RuntimeEvents } from './runtime-events.ts';

// The session bundle the page mounts, driven by the page's own runtime code (connectWire and
// SessionLink), in a container with WebContainer-like limits (see limits-host.ts): a terminal for
// stdin and stdout, no /proc, no SIGKILL. This is not a WebContainer, which these machines cannot
// reach; it checks what can be checked of the same limits here.

/** Every file of a lab program's folder, the fixture's note excepted. */
function programFiles(folder: string, prefix = ''): LabFiles {
	const files: LabFiles = {};
	for (const name of readdirSync(folder)) {
		if (name === 'FIXTURE.json') continue;
		const path = join(folder, name);
		if (statSync(path).isDirectory()) Object.assign(files, programFiles(path, `${prefix}${name}/`));
		else files[`${prefix}${name}`] = readFileSync(path, 'utf8');
	}
	return files;
}

interface Case {
	lab: string;
	program: string;
	/** The check a fixture must fail, from its FIXTURE.json; none for a solution. */
	failsCheck?: string;
}

/** Three labs by default, to stay within the test suite's time; `SESSION_LIMITS_ALL=1` judges every
 * lab's solution and every fixture (several minutes on a 2-core machine). */
const ALL = process.env['SESSION_LIMITS_ALL'] === '1';
const LABS = ALL ? listLabs() : ['orders-api', 'web-tier', 'batching'];

/** Each lab's solution and fixtures: all of them, or the first and last by name. */
function cases(): Case[] {
	return LABS.flatMap((lab) => {
		const fixtures = readdirSync(join(root, 'labs', lab, 'fixtures')).sort();
		const chosen = ALL
			? fixtures
			: [fixtures[0], fixtures.at(-1)].filter((name): name is string => name !== undefined);
		return [
			{ lab, program: 'solution' },
			...chosen.map((name) => {
				const note = JSON.parse(
					readFileSync(join(root, 'labs', lab, 'fixtures', name, 'FIXTURE.json'), 'utf8'),
				) as { failsCheck: string };
				return { lab, program: `fixtures/${name}`, failsCheck: note.failsCheck };
			}),
		];
	});
}

const unavailable = limitsUnavailable();

describe('session under WebContainer-like limits', { skip: unavailable ?? false }, () => {
	let folder: string;
	let bundle: string;
	const hosts: LimitsHost[] = [];
	const runtimes: Runtime[] = [];

	before(() => {
		folder = mkdtempSync(join(tmpdir(), 'session-limits-bundle-'));
		bundle = buildSessionBundle(folder);
	});
	after(async () => {
		for (const runtime of runtimes) runtime.close();
		await Promise.all(hosts.map((host) => host.close()));
		rmSync(folder, { recursive: true, force: true });
	});

	const open = async (deadAfterMs = 6_000, options: LimitsOptions = {}) => {
		const host = createLimitsHost(bundle, options);
		hosts.push(host);
		const runtime = await connectWire({ boot: host.boot, readyLimitMs: 15_000, deadAfterMs });
		runtimes.push(runtime);
		return { host, runtime, events: new RuntimeEvents(runtime) };
	};

	test(
		ALL
			? "the checks judge every lab's solution and fixtures as they do locally"
			: "the checks judge three labs' solutions and fixtures as they do locally",
		{ timeout: ALL ? 3_600_000 : 180_000 },
		async (t) => {
			const started = performance.now();
			const all = cases();
			// Two containers side by side, one per core; each runs its check runs one after another.
			const lanes = [all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 2 === 1)];
			const results = await Promise.all(
				lanes.map(async (lane) => {
					const { runtime, events } = await open();
					const verdicts: { item: Case; events: HarnessEvent[] }[] = [];
					for (const item of lane) {
						const files = programFiles(join(root, 'labs', item.lab, item.program));
						await runtime.send({ type: 'check', lab: item.lab, files, seed: 7 });
						verdicts.push({ item, events: await events.checkRun(120_000) });
					}
					return verdicts;
				}),
			);
			const wrong: string[] = [];
			for (const { item, events } of results.flat()) {
				const where = `${item.lab} ${item.program}`;
				const end = events.at(-1);
				const ends = events.flatMap((event) => (event.type === 'check-end' ? [event] : []));
				if (end?.type !== 'run-end') wrong.push(`${where}: the run did not end`);
				else if (!item.failsCheck) {
					const failed = ends.filter((event) => event.status !== 'pass');
					if (failed.length > 0 || !end.passed)
						wrong.push(
							`${where}: ${failed.map((event) => `${event.id} ${event.status}: ${event.message}`).join('; ')}`,
						);
				} else {
					const named = ends.find((event) => event.id === item.failsCheck);
					if (named?.status !== 'fail' || end.passed)
						wrong.push(`${where}: ${item.failsCheck} was ${named?.status ?? 'not run'}`);
				}
			}
			t.diagnostic(
				`${results.flat().length} programs judged in ${Math.round(performance.now() - started)} ms`,
			);
			assert.deepEqual(wrong, [], 'solutions pass every check and fixtures fail their named check');
		},
	);

	test('a program that loops is found stuck and the container replaced, for Run, Stop and checks', async (t) => {
		const { host, runtime, events } = await open();
		assert.ok(host.killFiltered, 'SIGKILL is filtered, so a loop cannot be killed from inside');
		const products = readFileSync(
			join(root, 'labs', 'orders-api', 'solution', 'products.json'),
			'utf8',
		);
		// Servers handle SIGTERM to shut down cleanly; a program busy in a loop never runs the handler.
		const loopsAtStart = "process.on('SIGTERM', () => process.exit(0));\nfor (;;) {}\n";
		const loopsOnRequest = [
			"import { createServer } from 'node:http';",
			"process.on('SIGTERM', () => process.exit(0));",
			"createServer(() => { console.log('spinning'); for (;;) {} }).listen(Number(process.env.PORT));",
			'',
		].join('\n');
		const stuck = (event: { type: string; message?: string }) =>
			event.type === 'error' && /kept running after it was stopped/.test(event.message ?? '');
		const ready = (event: { type: string }) => event.type === 'ready';
		const figures: Record<string, number> = {};

		// Run: the program never listens; the run gives up on it, and it does not go.
		await runtime.send({
			type: 'run',
			lab: 'orders-api',
			files: { 'server.js': loopsAtStart, 'products.json': products },
		});
		const sent = Date.now();
		await events.next(stuck, 30_000, 'a stuck report after Run');
		const back = await events.next(ready, 20_000, 'a fresh session after Run');
		figures['run: press to fresh session'] = back.at - sent;
		assert.equal(host.boots, 2);

		// Stop: the program listens, then loops on the first request it gets.
		await runtime.send({
			type: 'run',
			lab: 'orders-api',
			files: { 'server.js': loopsOnRequest, 'products.json': products },
		});
		await events.next((event) => event.type === 'started', 20_000, 'started');
		await runtime.send({ type: 'request', id: 'spin', method: 'GET', path: '/', headers: {} });
		await events.next(
			(event) => event.type === 'output' && event.line === 'spinning',
			20_000,
			'the program looping',
		);
		const stopPressed = Date.now();
		await runtime.send({ type: 'stop' });
		const stopFound = await events.next(stuck, 20_000, 'a stuck report after Stop');
		figures['stop: press to stuck report'] = stopFound.at - stopPressed;
		const afterStop = await events.next(ready, 20_000, 'a fresh session after Stop');
		figures['stop: press to fresh session'] = afterStop.at - stopPressed;
		assert.equal(host.boots, 3);

		// Checks: the check run ends with a verdict first, then the container is replaced.
		await runtime.send({
			type: 'check',
			lab: 'orders-api',
			files: { 'server.js': loopsOnRequest, 'products.json': products },
			seed: 7,
		});
		const run = await events.checkRun(90_000);
		const end = run.at(-1);
		assert.ok(end?.type === 'run-end' && !end.passed, 'the run ends and does not pass');
		const failed = run.flatMap((event) =>
			event.type === 'check-end' && event.status === 'fail' ? [event] : [],
		);
		assert.ok(failed.length > 0, 'a check fails on the loop');
		const checksLoop = failed[0]?.durationMs ?? 0;
		const found = await events.next(stuck, 20_000, 'a stuck report after the checks');
		await events.next(ready, 20_000, 'a fresh session after the checks');
		figures['checks: run-end to stuck report'] = found.at - run.endedAt;
		assert.equal(host.boots, 4);

		// The fresh container works: the solution passes.
		await runtime.send({
			type: 'check',
			lab: 'orders-api',
			files: programFiles(join(root, 'labs', 'orders-api', 'solution')),
			seed: 7,
		});
		const again = await events.checkRun(60_000);
		const last = again.at(-1);
		assert.ok(
			last?.type === 'run-end' && last.passed,
			'the solution passes in the fresh container',
		);
		// orders-api's run-start names 15 checks: longer than a frame line, it crossed in parts.
		assert.match(host.transcript.join(''), /"kind":"part","seq":\d+,"i":1,/);
		t.diagnostic(`${JSON.stringify(figures)}; the looping check failed after ${checksLoop} ms`);
		assert.ok(
			(figures['stop: press to fresh session'] ?? Infinity) < 10_000,
			'Stop recovers within 10 s',
		);
	});

	test('a session started as bin/node, its own path unknown without /proc, still starts programs', async () => {
		// Node learns its path from /proc/self/exe; without it, from its command line. A learner
		// program starts in a working copy of its own, where `bin/node` names nothing.
		const { runtime, events } = await open(6_000, { node: 'bin/node' });
		const files = programFiles(join(root, 'labs', 'orders-api', 'solution'));
		await runtime.send({ type: 'run', lab: 'orders-api', files });
		const started = await events.next(
			(event) => event.type === 'started' || event.type === 'exited' || event.type === 'error',
			20_000,
			'the program started',
		);
		assert.equal(started.event.type, 'started', JSON.stringify(started.event));
		await runtime.send({ type: 'stop' });
		await events.next((event) => event.type === 'stopped', 10_000, 'stopped');
	});

	test('a frame broken on the way is asked for again, and every event arrives once, in order', async () => {
		const { host, runtime, events } = await open();
		let broken = false;
		host.mangle = (chunk) => {
			if (broken || !chunk.includes('"seq":3,')) return chunk;
			broken = true;
			return chunk.replace('"seq":3,', '"seq":3 ');
		};
		const files = programFiles(join(root, 'labs', 'batching', 'solution'));
		await runtime.send({ type: 'check', lab: 'batching', files, seed: 7 });
		const run = await events.checkRun(60_000);
		assert.ok(broken, 'a frame was broken');
		const kinds = run.map((event) => event.type);
		assert.equal(kinds[0], 'run-start');
		assert.equal(kinds.filter((kind) => kind === 'run-start').length, 1);
		const starts = run.flatMap((event) => (event.type === 'check-start' ? [event.index] : []));
		assert.deepEqual(
			starts,
			starts.map((_, i) => i),
			'each check starts once, in order',
		);
		const terminal = host.transcript.join('');
		// The page's lines crossed a terminal: it echoed them back among the frames.
		assert.match(terminal, /^do 1\r?$/m);
		assert.match(terminal, /^resend 3\r?$/m);
	});

	test('a session that dies is replaced, a console request it took is answered with the reason, and a command sent to it meanwhile is refused', async () => {
		const { host, runtime, events } = await open();
		const restarts: string[] = [];
		runtime.onRestart((message) => restarts.push(message));
		// A program that never answers, and a console request waiting on it when the session dies.
		const silent =
			"import { createServer } from 'node:http';\ncreateServer(() => {}).listen(Number(process.env.PORT));\n";
		await runtime.send({ type: 'run', lab: 'orders-api', files: { 'server.js': silent } });
		await events.next((event) => event.type === 'started', 20_000, 'started');
		await runtime.send({ type: 'request', id: 'cut-off', method: 'GET', path: '/', headers: {} });
		await host.crash();
		const said = await events.next(
			(event) => event.type === 'error' && /ended \(exit code/.test(event.message),
			10_000,
			'the loss reported',
		);
		assert.match(said.event.type === 'error' ? said.event.message : '', /starting a fresh one/);
		// The page's check run hears it too, to end a run that will never finish (check-run.ts).
		assert.deepEqual(restarts, [said.event.type === 'error' ? said.event.message : '']);
		const unanswered = await events.next(
			(event) => event.type === 'request-error' && event.id === 'cut-off',
			1_000,
			'the cut-off request answered',
		);
		assert.match(
			unanswered.event.type === 'request-error' ? unanswered.event.message : '',
			/^No answer came: the in-browser runtime was restarted/,
		);
		await events.next((event) => event.type === 'ready', 20_000, 'a fresh session');
		assert.equal(host.boots, 2);
		await runtime.send({ type: 'request', id: 'after', method: 'GET', path: '/', headers: {} });
		await events.next(
			(event) => event.type === 'request-error' && event.id === 'after',
			10_000,
			'the fresh session answering',
		);

		// The link itself, without the runtime that replaces it: a dead session refuses commands.
		const container = await host.boot();
		let died: (reason: string) => void = () => {};
		const death = new Promise<string>((resolve) => (died = resolve));
		const link = new SessionLink(container, await container.startSession(), {
			onEvent: () => {},
			onStuck: () => {},
			onDead: (reason) => died(reason),
			deadAfterMs: 6_000,
		});
		await link.ready;
		await host.crash();
		assert.match(await death, /^ended \(exit code/);
		await assert.rejects(
			link.send({ type: 'stop' }),
			/The in-browser session ended \(exit code .*\): it is being restarted, try again/,
		);
		container.teardown();
	});

	test('a session that falls silent is replaced', async () => {
		const { host, runtime, events } = await open(2_000);
		host.freeze();
		const said = await events.next(
			(event) => event.type === 'error' && /stopped answering for \d+ s/.test(event.message),
			10_000,
			'the silence reported',
		);
		await events.next((event) => event.type === 'ready', 20_000, 'a fresh session');
		assert.equal(host.boots, 2);
		await runtime.send({ type: 'stop' });
		const stopped = await events.next(
			(event) => event.type === 'stopped',
			10_000,
			'the fresh session answering',
		);
		assert.ok(stopped.at > said.at);
	});
});
