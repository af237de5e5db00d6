import type { BootContainer } from './container.ts';
import { connectLocal } from './local.ts';
import type { Runtime } from './types.ts';
import { webContainerBoot } from './webcontainer.ts';
import { connectWire, limit } from './wire-runtime.ts';

// Picks what runs the labs on this page, once, for every lab on it. A page served by `npm start`
// has the local runtime under its own origin: it answers at once and is used, with no wait on the
// in-browser runtime (`?runtime=webcontainer` asks for that one instead). On a static host the
// in-browser runtime boots as soon as a lab comes near view, with its progress shown, and is given
// the time a first boot really takes; a boot that never ends is cut off and remembered for this
// tab's session, so a reload does not wait again. `?runtime=local` forces the local runtime. The
// course's runtime policy (course.config.yaml, on the lab as `data-runtime-policy`) limits both.

/** A first boot fetches StackBlitz's runtime and often takes 10 to 20 s; past this it is given up. */
export const bootLimitMs = 30_000;
/** Once booted, the session bundle starts in well under this even on a slow machine. */
const readyLimitMs = 15_000;
/** The session beats every second; this much silence means it is gone. */
const deadAfterMs = 6_000;
/** Where this tab remembers that the in-browser runtime did not start. */
export const failedKey = 'lab-runtime:in-browser-failed';

export type Choice =
	{ runtime: Runtime; notice?: string } | { runtime?: undefined; reason: string };

export interface ChooseOptions {
	/** Reports what is being started, with the fraction of the time limit used so far. */
	onProgress(this: void, message: string, fraction?: number): void;
}

let chosen: Promise<Choice> | undefined;
const listeners = new Set<ChooseOptions['onProgress']>();
let latest: [string, number | undefined] | undefined;

function progress(message: string, fraction?: number): void {
	latest = [message, fraction];
	for (const listener of listeners) listener(message, fraction);
}

/** The page's choice, made once; each caller hears its progress, from the latest step on. */
export function chooseRuntime(options?: ChooseOptions): Promise<Choice> {
	if (options) {
		listeners.add(options.onProgress);
		if (latest) options.onProgress(...latest);
	}
	chosen ??= choose({ onProgress: progress }).finally(() => listeners.clear());
	return chosen;
}

/** Starts the choice as a lab comes near view, alongside the editor's download rather than after
 * it; a page that forces the local runtime waits for the first use instead. */
export function chooseEarly(): void {
	if (forcedRuntime() !== 'local') void chooseRuntime();
}

/** The runtime this page may or must use: `local`, `webcontainer`, or null for either. */
export function forcedRuntime(): string | null {
	const policy =
		document.querySelector<HTMLElement>('[data-runtime-policy]')?.dataset['runtimePolicy'] ??
		'both';
	return policy === 'both' ? new URLSearchParams(location.search).get('runtime') : policy;
}

async function choose(options: ChooseOptions): Promise<Choice> {
	const forced = forcedRuntime();
	if (forced !== 'webcontainer') {
		options.onProgress('Connecting to the local runtime…');
		try {
			return { runtime: await connectLocal() };
		} catch {
			if (forced === 'local') return { reason: 'No local runtime answered at /__runtime/session.' };
		}
	}
	// Only the learner's own `?runtime=webcontainer` overrides a failure remembered in this tab; a
	// course limited to the in-browser runtime would otherwise wait again on every reload.
	const asked = new URLSearchParams(location.search).get('runtime') === 'webcontainer';
	const result = await tryWebContainer(options, asked);
	if (typeof result !== 'string') return { runtime: result };
	return forced === 'webcontainer'
		? { reason: `${result}.` }
		: { reason: `${result}, and no local runtime answered at /__runtime/session.` };
}

async function tryWebContainer(options: ChooseOptions, asked: boolean): Promise<Runtime | string> {
	if (!self.crossOriginIsolated) {
		return 'The in-browser runtime needs a cross-origin isolated page, and this one is not';
	}
	const earlier = remembered();
	if (earlier && !asked) {
		return `${earlier} earlier in this tab, so it is not tried again (add ?runtime=webcontainer to the address to try)`;
	}
	const message = 'Starting the in-browser runtime… (a first start can take 20 s)';
	const started = performance.now();
	options.onProgress(message, 0);
	const ticker = setInterval(() => {
		options.onProgress(message, Math.min(1, (performance.now() - started) / bootLimitMs));
	}, 250);
	try {
		const wire = connectWire({ boot: containers(), readyLimitMs, deadAfterMs });
		return await limit(wire, bootLimitMs, 'The in-browser runtime did not start');
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		const text = /within \d+ s$/.test(reason)
			? reason
			: `The in-browser runtime could not start (${reason})`;
		remember(text);
		return text;
	} finally {
		clearInterval(ticker);
	}
}

/** What boots the in-browser runtime's containers: WebContainers, unless a browser test has put
 * something else in `labTestContainers` before the page loaded (tests/e2e/support/limits-bridge.ts:
 * the session under WebContainer-like limits, run by the test, which the status line then names). */
function containers(): BootContainer {
	const forTests = (globalThis as { labTestContainers?: BootContainer }).labTestContainers;
	return typeof forTests === 'function' ? forTests : webContainerBoot();
}

function remembered(): string | null {
	try {
		return sessionStorage.getItem(failedKey);
	} catch {
		return null;
	}
}

function remember(reason: string): void {
	try {
		sessionStorage.setItem(failedKey, reason);
	} catch {
		// Without storage a reload tries again, which costs time but nothing else.
	}
}
