// Serves the site with Debian's nginx the way an instructor would host it, at a domain's root with
// deploy/nginx/course.conf and under a sub-path with the block scripts/write-host-configs.ts writes
// for that base, and checks what a browser gets: the headers on every kind of response, clean URLs,
// content types, every link of the build, and, in chromium, isolated pages with a working lab
// editor under the CSP. Set DEPLOY_DIST to a finished root build to skip building one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from '@playwright/test';
import { createSiteServer } from '../../scripts/serve.ts';
import { createRuntimeHandler } from '../../src/runtime/local-server.ts';
import { crawlSite, describeBroken, pagesOf, searchFiles } from '../support/site-crawl.ts';
import { chromiumArgs } from './support/chromium.ts';
import { describeHostBasics } from './support/host-checks.ts';
import type { HostServer } from './support/host-server.ts';
import { nginxMissing, startNginx } from './support/nginx.ts';
import { siteBuild, type SiteBuild } from './support/site-build.ts';
import { SUB_PATH_CONFIG, subPath } from '../support/sub-path.ts';
import { isolatedWithTheme, visit } from './support/visit.ts';

const skip = nginxMissing();

describeHostBasics('deploy/nginx/course.conf', startNginx, skip);
describeHostBasics('nginxConf() for a sub-path', startNginx, skip, subPath);

function describeBuiltSite(base: string, env: Record<string, string>): void {
	const where = base === '/' ? 'at the root' : `under ${base}`;
	describe(`the built site behind nginx ${where}, in chromium`, { skip, timeout: 300_000 }, () => {
		let build: SiteBuild;
		let nginx: HostServer;
		let browser: Browser;
		before(async () => {
			build = siteBuild(env);
			nginx = await startNginx(build.dir, base);
			browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
		}, { timeout: 240_000 });
		after(async () => {
			await browser?.close();
			await nginx?.stop();
			build?.remove();
		});

		/** Opens a path given from the site's root, such as `/lessons/x/`, under the base. */
		const open = (path: string) => visit(browser, nginx.url + path.slice(1));

		test('every link, script, stylesheet, font and search file answers, inside the base', async () => {
			const { visited, broken } = await crawlSite(nginx.url, searchFiles);
			assert.deepEqual(broken, [], describeBroken(broken));
			// Every page of the build can be reached from the home page by following links.
			const unreached = pagesOf(build.dir)
				.map((path) => new URL(path, nginx.url).href)
				.filter((url) => !visited.includes(url));
			assert.deepEqual(unreached, []);
		});

		test('home, a lesson and the 404 page are cross-origin isolated with no CSP violation', async () => {
			for (const path of ['/', '/lessons/foundations/introduction/', '/no/such/page/']) {
				const { page, problems } = await open(path);
				assert.deepEqual(await isolatedWithTheme(page), { isolated: true, theme: true }, path);
				assert.deepEqual(problems, [], path);
				await page.close();
			}
		});

		test('a learner follows the outline to a lesson, then finds another by searching', async () => {
			const { page, problems } = await open('/');
			await page.getByRole('link', { name: /Start with/ }).click();
			await page.waitForURL(`**${base}lessons/foundations/introduction/`);
			await page.getByRole('heading', { level: 1 }).waitFor();
			await page.getByRole('button', { name: 'Search' }).click();
			await page.getByRole('searchbox', { name: 'Search lessons' }).fill('round robin');
			const result = page.getByRole('dialog', { name: 'Search the course' }).getByRole('list').getByRole('link').first();
			await result.waitFor();
			assert.ok((await result.getAttribute('href'))?.startsWith(`${base}lessons/`));
			await result.click();
			await page.waitForURL(`**${base}lessons/**`);
			assert.deepEqual(problems, []);
			await page.close();
		});

		test('a lab lesson loads the Monaco editor and its workers under the CSP', async () => {
			const { page, problems } = await open('/lessons/practice/orders-api/');
			const worker = page.waitForEvent('worker', { timeout: 30_000 });
			// Scrolling the lab into view loads it, as a reader would. Pressing Load editor raced the
			// observer: on a busy machine the button was gone by the time the click landed.
			await page.getByRole('region', { name: 'Lab: orders-api' }).scrollIntoViewIfNeeded();
			await page.locator('.monaco-editor').first().waitFor({ state: 'visible', timeout: 30_000 });
			assert.ok(await page.getByRole('textbox', { name: /^Editor: server\.js/ }).count());
			await worker;
			assert.deepEqual(problems, []);
			await page.close();
		});

		if (base !== '/') {
			test('on a host that sets no headers, like GitHub Pages, lessons read normally and a lab says how to run it at home', async () => {
				const bare = await startNginx(build.dir, base, { bare: true });
				try {
					const { page, problems } = await visit(browser, `${bare.url}lessons/practice/orders-api/`);
					assert.deepEqual(await isolatedWithTheme(page), { isolated: false, theme: true });
					await page.getByRole('heading', { level: 1 }).waitFor();
					const region = page.getByRole('region', { name: 'Lab: orders-api' });
					// In view, the lab loads its editor by itself.
					await region.scrollIntoViewIfNeeded();
					await region.getByRole('tablist', { name: 'Files' }).waitFor({ timeout: 30_000 });
					await region.getByRole('button', { name: 'Run checks' }).click();
					await region
						.getByText('This lab cannot run here: The in-browser runtime needs a cross-origin isolated page, and this one is not, and no local runtime answered at /__runtime/session.')
						.waitFor({ timeout: 30_000 });
					await region.getByText('npm run grade -- orders-api <your-folder>', { exact: false }).first().waitFor();
					assert.deepEqual(problems, []);
				} finally {
					await bare.stop();
				}
			});

			test("npm start's server serves the same build under the base, and a lab's checks run on the local runtime", async () => {
				const runtime = createRuntimeHandler();
				const site = await createSiteServer({ root: build.dir, port: 0, base, handle: runtime });
				try {
					assert.equal(site.url, `${new URL(site.url).origin}${base}`);
					const { page } = await visit(browser, `${site.url}lessons/practice/orders-api/?runtime=local`);
					const region = page.getByRole('region', { name: 'Lab: orders-api' });
					await region.scrollIntoViewIfNeeded();
					await region.getByRole('tablist', { name: 'Files' }).waitFor({ timeout: 30_000 });
					await region.getByRole('button', { name: 'Run checks' }).click();
					await region.getByText(/^Runs on: local runtime/).waitFor({ timeout: 30_000 });
					// The starter is unfinished: the checks run to the end and some fail.
					await region.getByText(/^\d+ passed, [1-9]\d* failed/).waitFor({ timeout: 60_000 });
				} finally {
					await runtime.close();
					await site.close();
				}
			});
		}
	});
}

describeBuiltSite('/', {});
describeBuiltSite(subPath, { COURSE_CONFIG: SUB_PATH_CONFIG });
