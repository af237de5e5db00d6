import type { RuntimeCommand } from '../../../shared/protocol.ts';
import type { BootContainer, Container } from './container.ts';
import { SessionLink } from './session-link.ts';
import { createEmitter, createInFlight, type RestartListener, type Runtime } from './types.ts';

// The in-browser runtime as the workspace sees it: one lab session in one container, replaced by a
// fresh container whenever the session reports a learner program it cannot stop, ends, or falls
// silent. A program busy in a loop cannot be killed inside a WebContainer, so recovery is by design
// a teardown and a new boot, and the learner is told why in the output.

export interface WireRuntimeOptions {
	boot: BootContainer;
	/** How long a booted container's session may take to say `ready`. */
	readyLimitMs: number;
	/** Silence from the session (it beats every second) after which it counts as dead. */
	deadAfterMs: number;
	/** How long `recover()` waits for a live session to confirm a stop before replacing it. */
	stopLimitMs?: number;
}

/** Replacements that fail one after another before the runtime gives up and says so. */
const MAX_FAILED_RESTARTS = 3;

export async function connectWire(options: WireRuntimeOptions): Promise<Runtime> {
	const emitter = createEmitter();
	const restartListeners = new Set<RestartListener>();
	const inFlight = createInFlight();
	let container: Container | undefined;
	let link: SessionLink | undefined;
	let current: Promise<SessionLink>;
	let restarting: Promise<void> | undefined;
	let failedRestarts = 0;
	let closed = false;
	/** Until the first session is up, a failure is the caller's to report, not a reason to restart. */
	let started = false;

	const open = async (): Promise<SessionLink> => {
		const booted = await options.boot();
		container = booted;
		const process = await booted.startSession();
		const opened: SessionLink = new SessionLink(booted, process, {
			onEvent: (event) => {
				if (link !== opened) return;
				inFlight.seen(event);
				emitter.emit(event);
			},
			onStuck: (message) => void replace(opened, message),
			onDead: (reason) =>
				void replace(opened, `The in-browser session ${reason}; starting a fresh one.`),
			deadAfterMs: options.deadAfterMs,
		});
		link = opened;
		await limit(opened.ready, options.readyLimitMs, 'The lab session did not start');
		return opened;
	};

	/** Tears the container down and boots a fresh one, once however many reasons arrive. */
	const replace = (old: SessionLink | undefined, message: string): Promise<void> => {
		if (!started || closed || (old && old !== link) || restarting)
			return restarting ?? Promise.resolve();
		// First those whose work dies with the container (a check run that will never end), so they
		// can say so with the reason, then the reason itself, for the output.
		for (const listener of restartListeners) listener(message);
		emitter.emit({ type: 'error', message });
		// A console request the old session took will never be answered.
		for (const event of inFlight.lost(
			'No answer came: the in-browser runtime was restarted, which stopped your program. Press Run, then send the request again.',
		))
			emitter.emit(event);
		old?.close('was replaced');
		tearDown(container);
		// Nothing of the old container runs any more: the workspace shows the program as stopped.
		emitter.emit({ type: 'stopped' });
		current = open();
		restarting = current
			.then(
				() => {
					failedRestarts = 0;
				},
				(error: unknown) => {
					failedRestarts += 1;
					const reason = error instanceof Error ? error.message : String(error);
					if (failedRestarts >= MAX_FAILED_RESTARTS) {
						emitter.emit({
							type: 'error',
							message: `The in-browser runtime could not be restarted (${reason}): reload the page.`,
						});
						return;
					}
					restarting = undefined;
					return replace(
						link,
						`Restarting the in-browser runtime failed (${reason}); trying again.`,
					);
				},
			)
			.finally(() => {
				restarting = undefined;
			});
		return restarting;
	};

	current = open();
	try {
		await current;
		started = true;
	} catch (error) {
		link?.close();
		tearDown(container);
		throw error;
	}

	const runtime: Runtime = {
		kind: 'webcontainer',
		get label() {
			return `in-browser runtime (${container?.name ?? 'WebContainer'})`;
		},
		async send(command: RuntimeCommand) {
			if (closed) throw new Error('The in-browser runtime was closed');
			const link = await current;
			inFlight.sent(command);
			try {
				await link.send(command);
			} catch (error) {
				inFlight.refused(command);
				throw error;
			}
		},
		// A live session stops what it runs when asked; one that cannot confirm it in time is
		// replaced, since only a fresh container gets rid of a program stuck in a loop.
		async recover() {
			const live = await current.catch(() => undefined);
			if (live && !live.dead) {
				const stopped = new Promise<void>((resolve) => {
					const off = emitter.on((event) => {
						if (event.type !== 'stopped') return;
						off();
						resolve();
					});
				});
				try {
					await live.send({ type: 'stop' });
					await limit(stopped, options.stopLimitMs ?? 5000, 'No stop');
					return;
				} catch {
					// Falls through to a fresh container.
				}
			}
			await replace(link, 'The in-browser runtime did not answer; starting a fresh one.');
		},
		onEvent: emitter.on,
		onRestart(listener) {
			restartListeners.add(listener);
			return () => restartListeners.delete(listener);
		},
		close() {
			closed = true;
			link?.close();
			tearDown(container);
		},
	};
	return runtime;
}

/** Ends a container; one already ended (a restart that failed half-way) may refuse, harmlessly. */
function tearDown(container: Container | undefined): void {
	try {
		container?.teardown();
	} catch {
		// Already gone.
	}
}

/** Rejects after `ms` unless `promise` settles first; boot and start-up can hang without an error. */
export function limit<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const expired = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} within ${Math.round(ms / 1000)} s`)), ms);
	});
	return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
