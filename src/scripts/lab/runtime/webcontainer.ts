import type { FileSystemTree, WebContainer, WebContainerProcess } from '@webcontainer/api';
import type { LabFiles, RuntimeCommand } from '../../../runtime/protocol.ts';
import { sitePath } from '../../../lib/site-path.ts';
import { stripAnsi } from '../ansi.ts';
import { createEmitter, lineSplitter, parseEvent, type Runtime } from './types.ts';

// Node in the browser. Only one WebContainer may exist per page, so the instance is a module-level
// singleton shared by every lab on the page. `boot()` can hang forever (no error) when StackBlitz's
// frame cannot load, so every boot is raced against a time limit by the caller.

const sessionUrl = sitePath('runtime/session.mjs');

let booting: Promise<WebContainer> | undefined;

/** Boots the page's one WebContainer, or returns the boot already under way. */
function boot(): Promise<WebContainer> {
	booting ??= import('@webcontainer/api').then(({ WebContainer }) =>
		WebContainer.boot({ coep: 'require-corp', workdirName: 'labs' }),
	);
	return booting;
}

/** Rejects after `ms` unless `promise` settles first. */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const limit = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(message)), ms);
	});
	return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** The lab's files as a tree under a folder named after the lab. */
function tree(labId: string, files: LabFiles): FileSystemTree {
	const root: FileSystemTree = {};
	for (const [path, contents] of Object.entries(files)) {
		let folder = root;
		const parts = [labId, ...path.split('/')];
		const name = parts.pop() ?? path;
		for (const part of parts) {
			const next = folder[part] ?? { directory: {} };
			folder[part] = next;
			folder = 'directory' in next ? next.directory : {};
		}
		folder[name] = { file: { contents } };
	}
	return root;
}

export interface WebContainerOptions {
	labId: string;
	files: LabFiles;
	/** How long boot and start-up may take together. */
	timeoutMs: number;
}

/** Boots the container, mounts the lab and the session bundle, and starts `node session.mjs`. */
export async function connectWebContainer(options: WebContainerOptions): Promise<Runtime> {
	const emitter = createEmitter();
	let container: WebContainer;
	let session: WebContainerProcess;
	let stdin: WritableStreamDefaultWriter<string>;
	// Each start bumps the generation, so the session killed by a restart is not reported as lost.
	let generation = 0;

	const start = async () => {
		generation += 1;
		const mine = generation;
		container = await boot();
		const code = await fetch(sessionUrl).then((response) => {
			if (!response.ok) throw new Error(`${sessionUrl} answered ${response.status}`);
			return response.text();
		});
		await container.mount({ 'session.mjs': { file: { contents: code } } });
		await container.mount(tree(options.labId, options.files));
		// A wide terminal keeps the pty from wrapping long JSON lines.
		session = await container.spawn('node', ['session.mjs'], { terminal: { cols: 4096, rows: 40 } });
		stdin = session.input.getWriter();
		const lines = lineSplitter((line) => {
			const event = parseEvent(stripAnsi(line));
			if (event) emitter.emit(event);
		});
		void session.output.pipeTo(
			new WritableStream({ write: (chunk) => lines.push(chunk), close: () => lines.end() }),
		);
		void session.exit.then((code) => {
			if (mine !== generation) return;
			emitter.emit({ type: 'error', message: `The in-browser session ended (exit code ${code}).` });
		});
	};

	await within(start(), options.timeoutMs, 'boot timed out');

	return {
		kind: 'webcontainer',
		label: 'in-browser runtime (WebContainer)',
		async send(command: RuntimeCommand) {
			await stdin.write(`${JSON.stringify(command)}\n`);
		},
		// A program stuck in a loop cannot be killed inside a WebContainer; tearing the container down
		// and booting a fresh one is the only way back.
		async recover() {
			generation += 1;
			stdin.releaseLock();
			container.teardown();
			booting = undefined;
			await within(start(), options.timeoutMs, 'restart timed out');
		},
		onEvent: emitter.on,
		close() {
			session.kill();
		},
	};
}
