// Serves the site with Debian's nginx and deploy/nginx/course.conf, the way an instructor would host
// it, and checks what a browser gets: the headers on every kind of response, clean URLs, content
// types, and, in chromium, isolated pages with a working lab editor under the CSP. Set DEPLOY_DIST
// to a finished build to skip building one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs } from './support/chromium.ts';
import { describeHostBasics } from './support/host-checks.ts';
import type { HostServer } from './support/host-server.ts';
import { nginxMissing, startNginx } from './support/nginx.ts';
import { siteBuild, type SiteBuild } from './support/site-build.ts';

const skip = nginxMissing();

describeHostBasics('deploy/nginx/course.conf', startNginx, skip);

describe('the built site behind nginx, in chromium', { skip, timeout: 300_000 }, () => {
	let build: SiteBuild;
	let nginx: HostServer;
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
