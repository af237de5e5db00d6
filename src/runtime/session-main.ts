// The lab session as a process, for the WebContainer: JSON-line commands on stdin, JSON-line events
// on stdout, one per line and nothing else on stdout, so the page can parse every line it reads.
// `scripts/build-runtime.ts` bundles it, with the labs' checks, into `public/runtime/session.mjs`.
import { createInterface } from 'node:readline';
import type { LabSource } from '../grader/lab-source.ts';
import { killAllGroups } from '../harness/process-registry.ts';
import { parseCommand } from './parse-command.ts';
import type { RuntimeEvent } from './protocol.ts';
import { LabSession } from './session.ts';

/** Runs a session over this process's stdin and stdout until stdin ends or a signal arrives. */
export function runSessionProcess(labs?: LabSource): void {
	const send = (event: RuntimeEvent) => {
		process.stdout.write(`${JSON.stringify(event)}\n`);
	};
	const session = new LabSession({ emit: send, ...(labs ? { labs } : {}) });
	send({ type: 'ready', runtime: 'webcontainer', node: process.version });

	let closing = false;
	const shutdown = async () => {
		if (closing) return;
		closing = true;
		await session.close();
		process.exit(0);
	};
	// Whatever ends this process, no learner program in its own process group may outlive it.
	process.on('exit', killAllGroups);
	process.on('SIGTERM', () => void shutdown());
	process.on('SIGINT', () => void shutdown());

	const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
	lines.on('line', (line) => {
		if (line.trim() === '') return;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			send({ type: 'error', message: 'A command line is not valid JSON' });
			return;
		}
		const parsed = parseCommand(value);
		if (parsed.ok) session.handle(parsed.command);
		else send({ type: 'error', message: parsed.error });
	});
	// The page closing stdin is the same as closing the event stream: everything stops.
	lines.on('close', () => void shutdown());
}
