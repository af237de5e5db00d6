// The lab session as a process, for the WebContainer, where its stdin and stdout are one terminal.
// Commands arrive as short lines naming files the page wrote (`do <n>`, see wire.ts); events leave
// as framed lines, numbered so that the page can ask again for one it lost, with a heartbeat every
// second so that the page knows the session lives and which event was the last. Nothing else is
// written to stdout. `scripts/build-runtime.ts` bundles it, with the labs' checks, into
// `public/runtime/session.mjs`.
import { createInterface } from 'node:readline';
import type { LabSource } from '../labs/index.ts';
import { killAllGroups } from '../harness/process-registry.ts';
import { readInboxCommand } from './inbox.ts';
import { LearnerWatch } from './learner-watch.ts';
import type { RuntimeEvent } from '../shared/protocol.ts';
import { LabSession } from './session.ts';
import { settleNodePath } from './session-node.ts';
import { SessionScale } from './session-scale.ts';
import { encodeFrame, parseCommandLine, type Frame } from '../shared/wire.ts';

/** How often the session says it is alive; the page counts a few missed beats as a dead session. */
export const BEAT_MS = 1000;
/** Frames kept for a `resend`; a check run of any lab sends far fewer between two beats. */
const KEPT_FRAMES = 2000;

export interface SessionProcessOptions {
	/** The folder whose `inbox/` the page writes to; the working folder unless given. */
	base?: string;
	/** Measures the machine before every check run, as the local runtime does, instead of once per
	 * session and after each run (session-scale.ts); `--measure-each-run` on the command line, for
	 * scripts/bench/session.ts to compare the two. */
	measureEachRun?: boolean;
}

/** Runs a session over this process's stdin and stdout until stdin ends or a signal arrives. */
export function runSessionProcess(labs?: LabSource, options: SessionProcessOptions = {}): void {
	const base = options.base ?? process.cwd();
	// Before anything is spawned: without /proc, Node may know itself only as `node`.
	settleNodePath();
	const measureEachRun = options.measureEachRun ?? process.argv.includes('--measure-each-run');
	const kept: { seq: number; lines: string[] }[] = [];
	let seq = 0;
	const write = (frame: Frame) => {
		const lines = encodeFrame(frame);
		process.stdout.write(lines.map((line) => `${line}\n`).join(''));
		return lines;
	};
	const send = (event: RuntimeEvent) => {
		seq += 1;
		kept.push({ seq, lines: write({ kind: 'event', seq, event }) });
		if (kept.length > KEPT_FRAMES) kept.shift();
	};
	const session = new LabSession({
		emit: send,
		...(labs ? { labs } : {}),
		...(measureEachRun ? {} : { scale: new SessionScale() }),
	});
	send({ type: 'ready', runtime: 'webcontainer', node: process.version });
	const beat = setInterval(() => write({ kind: 'beat', last: seq }), BEAT_MS);

	// A learner process that outlived its stop cannot be got rid of from in here, so the page is
	// asked for a fresh container. A check run in progress is stopped first, so that it ends with a
	// verdict (the check that met the loop has failed by then); a Run or Stop press is answered at
	// once, since nothing would be gained by waiting.
	const watch = new LearnerWatch((pids) => {
		const stuck = () =>
			write({
				kind: 'stuck',
				message: `Your program kept running after it was stopped (process ${pids.join(', ')}): a loop that never waits cannot be stopped in the browser, so the in-browser runtime is being restarted. Fix the loop, then press Run or Run checks again.`,
			});
		if (session.checking) void session.stop().then(stuck);
		else stuck();
	});

	let closing = false;
	const shutdown = async () => {
		if (closing) return;
		closing = true;
		clearInterval(beat);
		watch.close();
		await session.close();
		process.exit(0);
	};
	// Whatever ends this process, no learner program in its own process group may outlive it.
	process.on('exit', killAllGroups);
	for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
		process.on(signal, () => void shutdown());

	const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
	// Commands are carried out in the order they were typed, each once its files are read.
	let queue = Promise.resolve();
	lines.on('line', (line) => {
		const command = parseCommandLine(line);
		if (!command) return;
		if (command.verb === 'resend') {
			for (const frame of kept) {
				if (frame.seq >= command.seq)
					process.stdout.write(frame.lines.map((line) => `${line}\n`).join(''));
			}
			return;
		}
		queue = queue.then(async () => {
			const parsed = await readInboxCommand(base, command.n).catch((error: unknown) => ({
				ok: false as const,
				error: error instanceof Error ? error.message : String(error),
			}));
			if (parsed.ok) session.handle(parsed.command);
			else send({ type: 'error', message: parsed.error });
		});
	});
	// The page closing stdin is the same as closing the event stream: everything stops.
	lines.on('close', () => void shutdown());
}
