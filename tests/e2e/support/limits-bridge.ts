// Puts the session under WebContainer-like limits (scripts/lib/limits-host.ts: the bundle the page
// mounts, behind a pseudo-terminal, /proc hidden, SIGKILL ignored) behind a page's in-browser
// runtime, so a browser test drives it through the page's own code: the workspace, its connection,
// the wire runtime and the session link. The page gets a `Container` in `labTestContainers`, which
// src/client/lab/adapters/choose.ts boots instead of a WebContainer, and which the status line
// names as what it is. Commands, files and terminal output cross between the page and the test
// through Playwright's bindings. It is not a WebContainer, which this machine cannot boot.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Container } from '../../../src/client/lab/adapters/container.ts';
import { createLimitsHost, type LimitsHost } from '../../../scripts/lib/limits-host.ts';

export interface Bridged {
	host: LimitsHost;
	close(): Promise<void>;
}

/** Serves the page's containers from a limits host whose session is the bundle this site serves. */
export async function bridgeLimitsHost(page: Page): Promise<Bridged> {
	const response = await page.request.get('/runtime/session.mjs');
	if (!response.ok()) throw new Error(`/runtime/session.mjs answered ${response.status()}`);
	const folder = mkdtempSync(join(tmpdir(), 'limits-bridge-'));
	const bundle = join(folder, 'session.mjs');
	writeFileSync(bundle, await response.body());
	const host = createLimitsHost(bundle);
	const containers = new Map<number, Container>();
	const inputs = new Map<number, WritableStreamDefaultWriter<string>>();
	/** Calls into the page, which may have gone by the time one is made. */
	const tell = (call: Promise<unknown>) => call.catch(() => undefined);

	await page.exposeFunction('limitsBoot', async () => {
		const container = await host.boot();
		containers.set(host.boots, container);
		return host.boots;
	});
	await page.exposeFunction('limitsWrite', (id: number, files: Record<string, string>) =>
		containers.get(id)?.writeFiles(files),
	);
	await page.exposeFunction('limitsType', (id: number, text: string) =>
		inputs.get(id)?.write(text),
	);
	await page.exposeFunction('limitsTeardown', (id: number) => containers.get(id)?.teardown());
	await page.exposeFunction('limitsStart', async (id: number) => {
		const session = await containers.get(id)?.startSession();
		if (!session) throw new Error(`No container ${id}`);
		inputs.set(id, session.input.getWriter());
		// Chunk by chunk and in order, each delivered before the next is read.
		void (async () => {
			for await (const chunk of session.output) {
				await tell(
					page.evaluate(([n, text]) => window.limitsOutput(n, text), [id, chunk] as const),
				);
			}
			const code = await session.exit;
			await tell(page.evaluate(([n, exit]) => window.limitsExit(n, exit), [id, code] as const));
		})().catch(() => undefined);
	});

	await page.addInitScript(() => {
		const outputs = new Map<number, ReadableStreamDefaultController<string>>();
		const exits = new Map<number, (code: number) => void>();
		window.limitsOutput = (id, text) => outputs.get(id)?.enqueue(text);
		window.limitsExit = (id, code) => {
			try {
				outputs.get(id)?.close();
			} catch {
				// Already closed.
			}
			exits.get(id)?.(code);
		};
		window.labTestContainers = async () => {
			const id = await window.limitsBoot();
			return {
				name: 'session under WebContainer-like limits, a test host, not a WebContainer',
				writeFiles: (files) => window.limitsWrite(id, files),
				async startSession() {
					const output = new ReadableStream<string>({ start: (c) => void outputs.set(id, c) });
					const exit = new Promise<number>((resolve) => exits.set(id, resolve));
					await window.limitsStart(id);
					const input = new WritableStream<string>({
						write: (text) => window.limitsType(id, text),
					});
					return { output, input, exit };
				},
				teardown: () => void window.limitsTeardown(id),
			};
		};
	});

	return {
		host,
		async close() {
			await host.close();
			rmSync(folder, { recursive: true, force: true });
		},
	};
}

declare global {
	interface Window {
		labTestContainers?: () => Promise<Container>;
		limitsBoot(): Promise<number>;
		limitsWrite(id: number, files: Record<string, string>): Promise<void>;
		limitsType(id: number, text: string): Promise<void>;
		limitsTeardown(id: number): Promise<void>;
		limitsStart(id: number): Promise<void>;
		limitsOutput(id: number, text: string): void;
		limitsExit(id: number, code: number): void;
	}
}
