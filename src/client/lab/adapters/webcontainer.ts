import type { WebContainer } from '@webcontainer/api';
import { sitePath } from '../../../shared/site-path.ts';
import type { BootContainer, Container } from './container.ts';

// Node in the browser, as a `Container` for the wire runtime. Only one WebContainer may exist per
// page, and `boot()` can hang forever without an error when StackBlitz's frame cannot load, so the
// caller races every boot against a time limit. The first boot is started early, when a lab comes
// near view, so that its 10 to 20 s are spent while the learner reads.

const sessionUrl = sitePath('runtime/session.mjs');

let firstBoot: Promise<Container> | undefined;

/** Starts booting the page's WebContainer (once) and returns that boot. */
export function startBooting(): Promise<Container> {
	firstBoot ??= bootContainer();
	return firstBoot;
}

/** The first call takes the early boot; every later one (after a teardown) boots a fresh one. */
export function webContainerBoot(): BootContainer {
	let used = false;
	return () => {
		if (!used) {
			used = true;
			return startBooting();
		}
		return bootContainer();
	};
}

async function bootContainer(): Promise<Container> {
	const [{ WebContainer }, code] = await Promise.all([
		import('@webcontainer/api'),
		fetch(sessionUrl).then((response) => {
			if (!response.ok) throw new Error(`${sessionUrl} answered ${response.status}`);
			return response.text();
		}),
	]);
	const container = await WebContainer.boot({ coep: 'require-corp', workdirName: 'labs' });
	await container.mount({ 'session.mjs': { file: { contents: code } } });
	return asContainer(container);
}

function asContainer(container: WebContainer): Container {
	return {
		name: 'WebContainer',
		async writeFiles(files) {
			for (const [path, text] of Object.entries(files)) {
				const folder = path.split('/').slice(0, -1).join('/');
				if (folder) await container.fs.mkdir(folder, { recursive: true });
				await container.fs.writeFile(path, text);
			}
		},
		async startSession() {
			// Wider than any frame line (MAX_LINE in src/shared/wire.ts), in case the terminal breaks
			// lines where it wraps them.
			const process = await container.spawn('node', ['session.mjs'], {
				terminal: { cols: 4096, rows: 40 },
			});
			return { output: process.output, input: process.input, exit: process.exit };
		},
		teardown() {
			container.teardown();
		},
	};
}
