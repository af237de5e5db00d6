import type { LabFiles, RuntimeCommand, RuntimeEvent } from '../../shared/protocol.ts';
import { h } from './dom.ts';
import { chooseRuntime, forcedRuntime } from './adapters/choose.ts';
import type { RestartListener, Runtime, RuntimeKind } from './adapters/types.ts';

// One lab's link to the page's runtime. The runtime is chosen as soon as the workspace mounts (a
// lab came near view), so a first boot of the in-browser runtime runs while the learner reads and
// a page served by `npm start` is connected before the first click; a page that forces the local
// runtime connects on first use. Every lab on a page shares the runtime; the lab that sent the
// last command owns the events.

let owner: string | undefined;

export interface Connection {
	/** The status line: which runtime runs the lab, boot progress, and why it cannot run. */
	element: HTMLElement;
	/** Sends a command, starting the runtime first if needed; false when no runtime can run it. */
	send(this: void, command: RuntimeCommand): Promise<boolean>;
	recover(): Promise<void>;
	/** Which runtime runs the lab, starting it first if needed; undefined when none can. */
	kind(this: void): Promise<RuntimeKind | undefined>;
	/** Hears that the runtime was replaced by a fresh one, with why (see `Runtime.onRestart`). */
	onRestart(listener: RestartListener): void;
}

export function connect(
	labId: string,
	// The files now travel with each command; kept so the workspace's call stays as it is.
	_files: () => LabFiles,
	onEvent: (event: RuntimeEvent) => void,
): Connection {
	const line = h('span', {}, 'Runs on: starts when you press Run, Run checks or Send request.');
	const progress = h('progress', {
		max: 1,
		value: 0,
		hidden: true,
		'aria-label': 'Runtime start-up',
	});
	const notice = h('p', { class: 'lab-notice', hidden: true });
	const help = h('div', { class: 'lab-offline', hidden: true });
	const element = h(
		'div',
		{ class: 'lab-runtime', role: 'status' },
		h('p', {}, line, ' ', progress),
		notice,
		help,
	);
	let runtime: Promise<Runtime | undefined> | undefined;
	const restartListeners = new Set<RestartListener>();

	const describe = (current: Runtime) => {
		line.textContent = `Runs on: ${current.label}.`;
	};
	const start = (): Promise<Runtime | undefined> => {
		runtime ??= chooseRuntime({
			onProgress(message, fraction) {
				line.textContent = message;
				progress.hidden = fraction === undefined;
				if (fraction !== undefined) progress.value = fraction;
			},
		}).then((choice) => {
			progress.hidden = true;
			const current = choice.runtime;
			if (current) {
				if (choice.notice) {
					notice.textContent = choice.notice;
					notice.hidden = false;
				}
				describe(current);
				current.onEvent((event) => {
					if (event.type === 'ready') describe(current);
					if (owner === labId) onEvent(event);
				});
				current.onRestart((message) => {
					for (const listener of restartListeners) listener(message);
				});
				return current;
			}
			line.textContent = `This lab cannot run here: ${choice.reason}`;
			help.hidden = false;
			help.append(
				h(
					'p',
					{},
					'You can run the same lab, with the same checks, on your own machine (Node 22 or later). In a copy of the course:',
				),
				h(
					'pre',
					{ tabindex: 0 },
					h(
						'code',
						{},
						`npm start\n# or grade a folder of your files:\nnpm run grade -- ${labId} <your-folder>`,
					),
				),
				h(
					'p',
					{},
					h('code', {}, 'npm start'),
					' serves this site with a local runtime, so this workspace can run your program.',
				),
			);
			return undefined;
		});
		return runtime;
	};

	if (forcedRuntime() !== 'local') void start();

	return {
		element,
		async send(command) {
			const current = await start();
			if (!current) return false;
			owner = labId;
			await current.send(command);
			return true;
		},
		async recover() {
			await (await start())?.recover();
		},
		async kind() {
			return (await start())?.kind;
		},
		onRestart(listener) {
			restartListeners.add(listener);
		},
	};
}
