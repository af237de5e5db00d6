import type { LabFiles } from '../../../runtime/protocol.ts';
import { connectLocal } from './local.ts';
import type { Runtime } from './types.ts';
import { connectWebContainer } from './webcontainer.ts';

// Picks what runs the labs on this page, once, for every lab on it. `?runtime=webcontainer` or
// `?runtime=local` forces one; otherwise the in-browser runtime is tried first where the page is
// cross-origin isolated, and the local runtime is the fallback. When neither can run, the reason is
// returned so the workspace can say how to run the lab on one's own machine instead. The course's
// runtime policy (course.config.yaml, on the lab as `data-runtime-policy`) limits both choices.

export const bootLimitMs = 8000;

export type Choice =
	| { runtime: Runtime; notice?: string }
	| { runtime?: undefined; reason: string };

export interface ChooseOptions {
	labId: string;
	files: LabFiles;
	/** Reports what is being started, with the fraction of the time limit used so far. */
	onProgress(message: string, fraction?: number): void;
}

let chosen: Promise<Choice> | undefined;

export function chooseRuntime(options: ChooseOptions): Promise<Choice> {
	chosen ??= choose(options);
	return chosen;
}

async function tryWebContainer(options: ChooseOptions): Promise<Runtime | string> {
	if (!self.crossOriginIsolated) {
		return 'The in-browser runtime needs a cross-origin isolated page, and this one is not';
	}
	const message = 'Starting the in-browser runtime…';
	const started = performance.now();
	options.onProgress(message, 0);
	const ticker = setInterval(() => {
		options.onProgress(message, Math.min(1, (performance.now() - started) / bootLimitMs));
	}, 250);
	try {
		return await connectWebContainer({ ...options, timeoutMs: bootLimitMs });
	} catch (error) {
		const seconds = Math.round(bootLimitMs / 1000);
		return error instanceof Error && /timed out/.test(error.message)
			? `The in-browser runtime did not start within ${seconds} s`
			: `The in-browser runtime could not start (${String(error)})`;
	} finally {
		clearInterval(ticker);
	}
}

/** `webcontainer`, `local` or `both`; a page without the attribute allows both. */
function runtimePolicy(): string {
	return document.querySelector<HTMLElement>('[data-runtime-policy]')?.dataset['runtimePolicy'] ?? 'both';
}

async function choose(options: ChooseOptions): Promise<Choice> {
	const policy = runtimePolicy();
	const forced = policy === 'both' ? new URLSearchParams(location.search).get('runtime') : policy;
	let failure: string | undefined;
	// On a page that is not isolated (a host that cannot set headers), the attempt fails at once
	// with that reason, so the learner is told why the lab cannot run in the browser.
	if (forced !== 'local') {
		const result = await tryWebContainer(options);
		if (typeof result !== 'string') return { runtime: result };
		if (forced === 'webcontainer') return { reason: `${result}.` };
		failure = result;
	}
	options.onProgress('Connecting to the local runtime…');
	try {
		const runtime = await connectLocal();
		return failure ? { runtime, notice: `${failure}; using the local runtime.` } : { runtime };
	} catch {
		return failure
			? { reason: `${failure}, and no local runtime answered at /__runtime/session.` }
			: { reason: 'No local runtime answered at /__runtime/session.' };
	}
}
