// Serves the site with Debian's nginx and deploy/nginx/course.conf, the way an instructor would host
// it, and checks what a browser gets: the headers on every kind of response, clean URLs, content
// types, and, in chromium, isolated pages with a working lab editor under the CSP. Set DEPLOY_DIST
// to a finished build to skip building one.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from '@playwright/test';
import { immutableCache, siteHeaders } from '../../src/lib/deploy-headers.ts';
import { chromiumArgs } from './support/chromium.ts';
import { nginxMissing, startNginx, type Nginx } from './support/nginx.ts';
import { siteBuild, type SiteBuild } from './support/site-build.ts';

const skip = nginxMissing();

function assertSiteHeaders(response: Response, what: string): void {
	for (const [name, value] of Object.entries(siteHeaders)) {
		assert.equal(response.headers.get(name), value, `${what}: ${name}`);
	}
}

describe('deploy/nginx/course.conf over a small folder', { skip }, () => {
	const root = mkdtempSync(join(tmpdir(), 'course-nginx-root-'));
	let nginx: Nginx;
	before(async () => {
		mkdirSync(join(root, 'lessons', 'intro'), { recursive: true });
		mkdirSync(join(root, '_astro'));
		const files: Record<string, string> = {
			'index.html': 'home', '404.html': 'custom not found', 'lessons/intro/index.html': 'intro',
			'search.html': 'search', 'a.mjs': 'export {}', 'a.wasm': '\0asm', 'a.json': '{}',
			'_astro/app.abc.js': '1',
		};
		for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
		nginx = await startNginx(root);
	});
	after(async () => {
		await nginx?.stop();
		rmSync(root, { recursive: true, force: true });
	});

	test('serves clean URLs, the 404 page and a slash redirect, all with every header', async () => {
		const cases: [string, number, string][] = [
			['', 200, 'home'], ['lessons/intro/', 200, 'intro'], ['search', 200, 'search'],
			['no/such/page/', 404, 'custom not found'], ['_astro/missing.js', 404, 'custom not found'],
		];
		for (const [path, status, body] of cases) {
			const response = await fetch(nginx.url + path);
			assert.equal(response.status, status, path);
			assert.equal(await response.text(), body, path);
			assertSiteHeaders(response, path || '/');
		}
		const redirect = await fetch(`${nginx.url}lessons/intro`, { redirect: 'manual' });
		assert.equal(redirect.status, 301);
		assert.equal(redirect.headers.get('location'), '/lessons/intro/');
		assertSiteHeaders(redirect, 'redirect');
	});

	test('gives .mjs, .wasm and .json their types and caches only hashed assets for good', async () => {
		const types: [string, RegExp][] = [['a.mjs', /^text\/javascript/], ['a.wasm', /^application\/wasm$/], ['a.json', /^application\/json/]];
		for (const [path, type] of types) {
			assert.match((await fetch(nginx.url + path)).headers.get('content-type') ?? '', type, path);
		}
		const asset = await fetch(`${nginx.url}_astro/app.abc.js`);
		assert.equal(asset.headers.get('cache-control'), immutableCache);
		assertSiteHeaders(asset, '/_astro/');
		assert.equal((await fetch(`${nginx.url}lessons/intro/`)).headers.get('cache-control'), 'no-cache');
	});
});

describe('the built site behind nginx, in chromium', { skip, timeout: 300_000 }, () => {
	let build: SiteBuild;
	let nginx: Nginx;
	let browser: Browser;
	before(async () => {
		build = siteBuild();
		nginx = await startNginx(build.dir);
		browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
	}, { timeout: 240_000 });
	after(async () => {
		await browser?.close();
		await nginx?.stop();
		build?.remove();
	});

	/** Opens a page and collects every CSP violation and console error it reports. */
	async function visit(path: string): Promise<{ page: Page; problems: string[] }> {
		const page = await browser.newPage();
		const problems: string[] = [];
		await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP: ${text}`));
		await page.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (event) => {
				const report = (window as unknown as { reportViolation(text: string): void }).reportViolation;
				report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
			});
		});
		page.on('console', (message) => {
			if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) {
				problems.push(`console: ${message.text()}`);
			}
		});
		page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
		await page.goto(nginx.url + path.slice(1));
		return { page, problems };
	}

	test('home, a lesson and the 404 page are cross-origin isolated with no CSP violation', async () => {
		for (const path of ['/', '/lessons/foundations/introduction/', '/no/such/page/']) {
			const { page, problems } = await visit(path);
			assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, path);
			// The theme script runs before paint; CSP would have blocked it without its hash.
			assert.equal(await page.evaluate(() => 'js' in document.documentElement.dataset), true, path);
			assert.deepEqual(problems, [], path);
			await page.close();
		}
	});

	test('a lesson renders with its title', async () => {
		const { page } = await visit('/lessons/foundations/introduction/');
		assert.match(await page.title(), /·/);
		assert.ok(await page.getByRole('heading', { level: 1 }).isVisible());
		await page.close();
	});

	test('a lab lesson loads the Monaco editor and its workers under the CSP', async () => {
		const { page, problems } = await visit('/lessons/practice/orders-api/');
		const worker = page.waitForEvent('worker', { timeout: 30_000 });
		await page.getByRole('button', { name: 'Load editor' }).click();
		await page.locator('.monaco-editor').first().waitFor({ state: 'visible', timeout: 30_000 });
		assert.ok(await page.getByRole('textbox', { name: /^Editor: server\.js/ }).count());
		await worker;
		assert.deepEqual(problems, []);
		await page.close();
	});
});
