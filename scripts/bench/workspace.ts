// Measures the lab workspace in chromium against a production build served by scripts/serve.ts
// (the local runtime mounted), and prints a table beside the targets:
// - the JS a lab lesson loads before the lab is used (gzip, target under 30 KB, issue 14's);
// - the time from navigation until the editor takes typing, scrolling to the lab at once
//   (targets from issue 14: under 2 s with a cold cache, under 1 s with a warm one);
// - for each lab, the time from pressing Run checks to the last result on its solution, against
//   the harness's own time for the same run (target: at most 300 ms more);
// - the first Run checks after a page load, as a new learner meets it (issue 11's targets): from
//   the click to the first check's result (under 1 s) and to the last (within 1 s of the suite's
//   own time), once on a server just started (`npm start`, then open the lab) and once after a
//   reload on a server that has run checks before.
// Figures only; it never fails the build. Usage: node scripts/bench/workspace.ts [--dist <built site>]
// [--runs 3] [--labs orders-api,caching] [--first-run] (only the first-run figures, a minute or so).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';

const { values } = parseArgs({
	options: {
		/** Measure an existing build instead of building one. */
		dist: { type: 'string' },
		runs: { type: 'string', default: '3' },
		/** Only these labs, by id, comma-separated. */
		labs: { type: 'string' },
		/** Only the first-run figures. */
		'first-run': { type: 'boolean', default: false },
	},
});
const runs = Math.max(1, Number(values.runs) || 3);
const viewport = { width: 1280, height: 800 };

/** The lab lessons: each page of the practice module, by its URL slug and the lab it embeds. */
const lessons = readdirSync('content/lessons/90-labs')
	.map((file) => ({
		slug: file.replace(/^\d+-/, '').replace(/\.mdx$/, ''),
		lab:
			/<Lab id="([^"]+)"/.exec(readFileSync(join('content/lessons/90-labs', file), 'utf8'))?.[1] ??
			'',
	}))
	.filter((entry) => entry.lab !== '')
	.filter((entry) => !values.labs || values.labs.split(',').includes(entry.lab));

function median(numbers: number[]): number {
	const sorted = [...numbers].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2
		? (sorted[middle] ?? 0)
		: ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Builds into a folder of its own, so a parallel `npm run build` cannot swap files mid-run. */
function build(): string {
	if (values.dist) return values.dist;
	const out = mkdtempSync(join(tmpdir(), 'bench-workspace-'));
	const result = spawnSync(
		process.execPath,
		['node_modules/astro/bin/astro.mjs', 'build', '--outDir', out],
		{
			encoding: 'utf8',
			env: { ...process.env, NO_COLOR: '1' },
		},
	);
	if (result.status !== 0) {
		console.error(
			`${result.stdout}\n${result.stderr}\nscripts/bench/workspace.ts: the build failed (above).`,
		);
		process.exit(1);
	}
	return out;
}

interface Server {
	url: string;
	/** Whether it runs lab programs in the sandbox, as `npm start` does where bubblewrap can start. */
	sandboxed: boolean;
	stop(): Promise<void>;
}

/** Starts the project's own server, as `npm start` does after its build, on a free port. */
function serve(root: string): Promise<Server> {
	const child = spawn(process.execPath, ['scripts/serve.ts'], {
		env: { ...process.env, PORT: '0', SITE_DIR: root },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return new Promise((resolve, reject) => {
		let text = '';
		child.stdout.on('data', (chunk: Buffer) => {
			text += chunk.toString();
			const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text)?.[1];
			if (!url) return;
			resolve({
				url,
				sandboxed: text.includes('run in a sandbox'),
				stop: () => {
					child.kill('SIGTERM');
					return exited;
				},
			});
		});
		child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
		child.once('exit', (code) =>
			reject(new Error(`scripts/serve.ts exited (${code}) before listening`)),
		);
	});
}

/** Gzipped bytes of every script the page loads until the network is quiet, without scrolling. */
async function jsBeforeUse(
	browser: Browser,
	url: string,
): Promise<{ gzip: number; files: number; loaded: boolean }> {
	const context = await browser.newContext({ viewport });
	const page = await context.newPage();
	const bodies: Promise<number>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() !== 'script') return;
		bodies.push(
			response.body().then(
				(body) => gzipSync(body).length,
				() => 0,
			),
		);
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	const loaded = (await page.locator('[data-lab-state]').count()) > 0;
	const sizes = await Promise.all(bodies);
	await context.close();
	return { gzip: sizes.reduce((a, b) => a + b, 0), files: sizes.length, loaded };
}

/** Milliseconds from navigation start until a key typed into the editor shows in it. The key is
 * sent as soon as the editor exists, and the moment it is drawn is taken inside the page. */
async function editorReady(page: Page, url: string, lab: string): Promise<number> {
	await page.goto(url, { waitUntil: 'domcontentloaded' });
	await page.getByRole('region', { name: `Lab: ${lab}` }).scrollIntoViewIfNeeded();
	const box = page.getByRole('textbox', { name: /^Editor: / });
	await box.waitFor({ state: 'attached' });
	const drawn = page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const lines = document.querySelector('.view-lines');
				const done = () => lines?.textContent?.startsWith('Z') && resolve(performance.now());
				new MutationObserver(done).observe(lines ?? document.body, {
					subtree: true,
					childList: true,
					characterData: true,
				});
			}),
	);
	await box.focus();
	await page.keyboard.press('ControlOrMeta+Home');
	await page.keyboard.type('Z');
	return drawn;
}

/** Runs the checks on the solution once; returns the page's time and the harness's own time. */
async function checkRun(page: Page, lab: string): Promise<{ pageMs: number; harnessMs: number }> {
	const region = page.getByRole('region', { name: `Lab: ${lab}` });
	await region.getByRole('button', { name: 'Run checks' }).waitFor();
	// Timed inside the page, from the click to the summary, so the driver's latency is left out.
	const pageMs = await region.evaluate(
		(root) =>
			new Promise<number>((resolve) => {
				const summary = root.querySelector<HTMLElement>('.lab-check-summary');
				const button = [...root.querySelectorAll('button')].find((b) =>
					b.textContent?.startsWith('Run checks'),
				);
				if (!summary || !button) throw new Error('The workspace has no checks button or summary');
				const started = performance.now();
				new MutationObserver((_, observer) => {
					if (!summary.dataset['harnessMs']) return;
					observer.disconnect();
					resolve(performance.now() - started);
				}).observe(summary, { attributes: true });
				button.click();
			}),
	);
	const harnessMs = Number(
		await region.locator('.lab-check-summary').getAttribute('data-harness-ms'),
	);
	return { pageMs, harnessMs };
}

/** The first Run checks after a page load, on an address that names no runtime (so the page
 * chooses, as a learner's does): from the click to the list of checks (the suite began), to the
 * first check's result and to the summary. */
async function firstRun(
	page: Page,
	lab: string,
): Promise<{ beganMs: number; firstMs: number; lastMs: number; harnessMs: number }> {
	const region = page.getByRole('region', { name: `Lab: ${lab}` });
	await region.getByRole('button', { name: 'Run checks' }).waitFor();
	const [beganMs, firstMs, lastMs] = await region.evaluate(
		(root) =>
			new Promise<[number, number, number]>((resolve) => {
				const summary = root.querySelector<HTMLElement>('.lab-check-summary');
				const button = [...root.querySelectorAll('button')].find((b) =>
					b.textContent?.startsWith('Run checks'),
				);
				if (!summary || !button) throw new Error('The workspace has no checks button or summary');
				const started = performance.now();
				let began = 0;
				let first = 0;
				new MutationObserver((_, observer) => {
					const now = performance.now() - started;
					if (!began && root.querySelector('.lab-check')) began = now;
					if (!first && root.querySelector('.lab-check.is-pass, .lab-check.is-fail')) first = now;
					if (!summary.dataset['harnessMs']) return;
					observer.disconnect();
					resolve([began || now, first || now, now]);
				}).observe(root, { subtree: true, attributes: true, childList: true });
				button.click();
			}),
	);
	const harnessMs = Number(
		await region.locator('.lab-check-summary').getAttribute('data-harness-ms'),
	);
	return { beganMs, firstMs, lastMs, harnessMs };
}

/** The lab's solution files in the form the workspace keeps them in storage. */
function solutionStorage(lab: string): string {
	const folder = join('labs', lab, 'solution');
	const files = Object.fromEntries(
		readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]),
	);
	return JSON.stringify({ version: 1, files, savedAt: Date.now() });
}

/** A context whose storage holds the lab's solution, as if the learner had written it. */
async function withSolution(browser: Browser, lab: string) {
	const context = await browser.newContext({ viewport });
	await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
		`lab:${lab}:files`,
		solutionStorage(lab),
	] as const);
	return context;
}

type FirstRun = Awaited<ReturnType<typeof firstRun>>;

/** Opens the lab's lesson with no ?runtime= in the address (the page chooses, as a learner's does)
 * in a fresh context, and times its first Run checks. */
async function firstRunOn(browser: Browser, url: string, lab: string): Promise<FirstRun> {
	const context = await withSolution(browser, lab);
	const page = await context.newPage();
	await page.goto(url);
	await page.getByRole('region', { name: `Lab: ${lab}` }).scrollIntoViewIfNeeded();
	const result = await firstRun(page, lab);
	await context.close();
	return result;
}

const root = build();
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--headless',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
	],
});
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
let server: Server | undefined;
try {
	if (!values['first-run']) {
		server = await serve(root);
		console.log(
			`Lab workspace, chromium ${browser.version()}, viewport ${viewport.width}×${viewport.height}, median of ${runs} runs\n`,
		);
		console.log(
			`${'lab'.padEnd(14)}${'JS before use'.padStart(16)}${'editor cold'.padStart(13)}${'editor warm'.padStart(13)}${'checks'.padStart(9)}${'harness'.padStart(9)}${'overhead'.padStart(10)}`,
		);
		for (const { lab, slug } of lessons) {
			const url = `${server.url}lessons/practice/${slug}/?runtime=local`;
			const weight = await jsBeforeUse(browser, url);
			const cold: number[] = [];
			const warm: number[] = [];
			for (let i = 0; i < runs; i++) {
				const context = await browser.newContext({ viewport });
				const page = await context.newPage();
				cold.push(await editorReady(page, url, lab));
				warm.push(await editorReady(page, url, lab));
				await context.close();
			}
			const context = await withSolution(browser, lab);
			const page = await context.newPage();
			await page.goto(url);
			await page.getByRole('region', { name: `Lab: ${lab}` }).scrollIntoViewIfNeeded();
			const timings = [];
			for (let i = 0; i < runs; i++) timings.push(await checkRun(page, lab));
			await context.close();
			const pageMs = median(timings.map((t) => t.pageMs));
			const harnessMs = median(timings.map((t) => t.harnessMs));
			const overhead = median(timings.map((t) => t.pageMs - t.harnessMs));
			const note = weight.loaded ? ' (lab in first view: workspace loaded)' : '';
			console.log(
				`${lab.padEnd(14)}${`${kb(weight.gzip)} ${weight.gzip < 30 * 1024 ? 'ok' : 'OVER'}`.padStart(16)}` +
					`${`${s(median(cold))} ${median(cold) < 2000 ? 'ok' : 'OVER'}`.padStart(13)}${`${s(median(warm))} ${median(warm) < 1000 ? 'ok' : 'OVER'}`.padStart(13)}` +
					`${s(pageMs).padStart(9)}${s(harnessMs).padStart(9)}${`${Math.round(overhead)} ms ${overhead < 300 ? 'ok' : 'OVER'}`.padStart(10)}${note}`,
			);
		}
		console.log(
			'\ntargets: JS before use < 30 KB gzip; editor < 2 s cold, < 1 s warm; checks overhead < 300 ms\n',
		);
		await server.stop();
		server = undefined;
	}

	// The first run of each lab twice: on a server started for it, as a learner meets it after
	// `npm start`, and after a reload of the page on a server that has run the lab's checks before.
	const rows: { lab: string; started: FirstRun; reloaded: FirstRun; sandboxed: boolean }[] = [];
	for (const { lab, slug } of lessons) {
		server = await serve(root);
		const url = `${server.url}lessons/practice/${slug}/`;
		const started = await firstRunOn(browser, url, lab);
		const reloaded = await firstRunOn(browser, url, lab);
		rows.push({ lab, started, reloaded, sandboxed: server.sandboxed });
		await server.stop();
		server = undefined;
	}
	const where = rows.every((row) => row.sandboxed)
		? 'lab programs in the sandbox, as npm start runs them here'
		: 'lab programs without the sandbox (bubblewrap cannot start here)';
	console.log(
		`First Run checks after a page load, solution in the editor, no ?runtime= in the address; ${where}`,
	);
	const cell = (run: FirstRun) => {
		const extra = run.lastMs - run.harnessMs;
		return (
			s(run.beganMs).padStart(8) +
			`${s(run.firstMs)} ${run.firstMs < 1000 ? 'ok' : 'OVER'}`.padStart(12) +
			`${s(run.lastMs)}${s(run.harnessMs).padStart(8)}`.padStart(16) +
			`${Math.round(extra)} ms ${extra < 1000 ? 'ok' : 'OVER'}`.padStart(11)
		);
	};
	const heads = `${'began'.padStart(8)}${'first'.padStart(12)}${'last  suite'.padStart(16)}${'beyond'.padStart(11)}`;
	console.log(
		`${''.padEnd(14)}${'after npm start'.padEnd(47)}  after a reload\n${'lab'.padEnd(14)}${heads}  ${heads}`,
	);
	for (const row of rows)
		console.log(`${row.lab.padEnd(14)}${cell(row.started)}  ${cell(row.reloaded)}`);
	console.log(
		'\nbegan: click to the list of checks (the runtime has started the suite); first: to the first result;\n' +
			"last: to the summary; suite: the harness's own time for the run, measured in the runtime.\n" +
			"targets: first result under 1 s; last result within 1 s beyond the suite's own time",
	);
	const load = loadavg()[0] ?? 0;
	console.log(`load average ${load.toFixed(1)} on ${availableParallelism()} cores`);
} finally {
	await browser.close();
	await server?.stop();
	if (!values.dist) rmSync(root, { recursive: true, force: true });
}
