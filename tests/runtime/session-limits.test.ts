import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { HarnessEvent } from '../../src/harness/types.ts';
import type { LabFiles } from '../../src/runtime/protocol.ts';
import type { Runtime } from '../../src/scripts/lab/runtime/types.ts';
import { connectWire } from '../../src/scripts/lab/runtime/wire-runtime.ts';
import { root } from './helpers.ts';
import { buildSessionBundle, createLimitsHost, limitsUnavailable, type LimitsHost } from './limits-host.ts';
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

const LABS = ['orders-api', 'web-tier', 'batching'];

/** Each lab's solution and its first and last fixture by name. */
function cases(): Case[] {
	return LABS.flatMap((lab) => {
		const fixtures = readdirSync(join(root, 'labs', lab, 'fixtures')).sort();
		const chosen = [fixtures[0], fixtures.at(-1)].filter((name): name is string => name !== undefined);
		return [
			{ lab, program: 'solution' },
			...chosen.map((name) => {
				const note = JSON.parse(readFileSync(join(root, 'labs', lab, 'fixtures', name, 'FIXTURE.json'), 'utf8')) as { failsCheck: string };
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

	const open = async () => {
		const host = createLimitsHost(bundle);
		hosts.push(host);
		const runtime = await connectWire({ boot: host.boot, readyLimitMs: 15_000, deadAfterMs: 6_000 });
		runtimes.push(runtime);
		return { host, runtime, events: new RuntimeEvents(runtime) };
	};

	test('the checks judge three labs\' solutions and fixtures as they do locally', async () => {
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
					verdicts.push({ item, events: await events.checkRun(60_000) });
				}
				return verdicts;
			}),
		);
		for (const { item, events } of results.flat()) {
			const where = `${item.lab} ${item.program}`;
			const end = events.at(-1);
			assert.ok(end?.type === 'run-end', `${where}: the run ended`);
			const ends = events.flatMap((event) => (event.type === 'check-end' ? [event] : []));
			if (!item.failsCheck) {
				const failed = ends.filter((event) => event.status !== 'pass');
				assert.deepEqual(failed.map((event) => `${event.id}: ${event.message}`), [], `${where} passes every check`);
				assert.equal(end.passed, true, where);
			} else {
				const named = ends.find((event) => event.id === item.failsCheck);
				assert.equal(named?.status, 'fail', `${where} fails ${item.failsCheck}`);
				assert.equal(end.passed, false, where);
			}
		}
	});
});
