import type { LabFiles, ReplayEvent, RuntimeCommand } from '../../../shared/protocol.ts';
import type { Connection } from '../connection.ts';
import type { CheckEnd } from './check-entry.ts';
import type { RequestConsole } from './request-console.ts';

// "Try this request" beyond filling the form: the local runtime runs the failed check again with
// the run's seed (the same data and the same fake backends) and keeps its program and backends up,
// so the console's request gets the answer the check got. Where no replay is possible (the
// in-browser runtime), the console says its requests go to the Run press's program and its
// practice backends instead, so the difference is never silent.

type RequestCommand = Extract<RuntimeCommand, { type: 'request' }>;

export interface Replays {
	/** Asks the runtime to replay `check`, failed in a run with `seed`, on the learner's files. */
	start(check: CheckEnd, run: { seed: number } | undefined): void;
	handle(event: ReplayEvent): void;
	/** Sends a console request once a replay asked for has been taken, so it goes to that replay. */
	send(this: void, command: RequestCommand): Promise<boolean>;
}

export function createReplays(
	connection: Connection,
	console: RequestConsole,
	what: () => { lab: string; files: LabFiles },
	say: (line: string) => void,
): Replays {
	let asked: Promise<unknown> = Promise.resolve();
	/** The title of the check last asked for, for the events, which name the check by id. */
	let title = '';

	const unavailable = (why: string) =>
		console.note(
			`${why}: the check’s backends are not started here, so this request goes to your program started with Run and the lab’s practice backends, which may answer otherwise than in the check.`,
		);

	return {
		start(check, run) {
			title = check.title;
			asked = (async () => {
				const kind = await connection.kind();
				if (kind !== 'local') {
					unavailable('The in-browser runtime cannot replay a check');
					return;
				}
				if (!run) {
					unavailable('The seed of this check’s run is unknown');
					return;
				}
				console.note(`Starting check ${check.title} again with its backends…`);
				say(`Running check ${check.title} again with the run's seed…`);
				const { lab, files } = what();
				const command = { type: 'replay', lab, files, seed: run.seed, check: check.id } as const;
				await connection.send(command);
			})().catch((error: unknown) => console.note(`Could not replay the check: ${String(error)}`));
		},
		handle(event) {
			switch (event.state) {
				case 'started': {
					const state = [
						event.failure === null && 'the check passes on your current files',
						!event.running && 'your program has already exited, so requests say why',
					].filter(Boolean);
					const text = `Replaying check ${title || event.title}: your program with the check's backends${state.length > 0 ? ` (${state.join('; ')})` : ''}`;
					console.note(text);
					const servers = event.servers.map((server) => `${server.name} at ${server.url}`);
					say(servers.length > 0 ? `${text}: ${servers.join(', ')}.` : `${text}.`);
					break;
				}
				case 'failed':
					console.note(`Could not replay check ${title || event.check}: ${event.message}`);
					break;
				case 'ended':
					console.note(undefined);
					say(`The replay of check ${title || event.check} stopped.`);
					break;
			}
		},
		async send(command) {
			await asked;
			return connection.send(command);
		},
	};
}
