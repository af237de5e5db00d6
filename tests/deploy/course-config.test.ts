// course.config.yaml: a wrong value stops the build naming the setting, and a custom configuration
// changes the title, the accent, the published modules and the lab runtime policy. Each build points
// COURSE_CONFIG at a fixture in tests/fixtures/course-config/.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { chromium } from '@playwright/test';
import { createSiteServer } from '../../scripts/serve.ts';
import { createRuntimeHandler } from '../../src/runtime/local-server.ts';
import { chromiumArgs } from './support/chromium.ts';
import { buildInto } from './support/site-build.ts';

const fixtures = 'tests/fixtures/course-config';
const outDir = mkdtempSync(join(tmpdir(), 'course-config-'));
after(() => rmSync(outDir, { recursive: true, force: true }));

function build(config: string, content: Record<string, string> = {}) {
	return buildInto(outDir, { COURSE_CONFIG: `${fixtures}/${config}`, ...content });
}

describe('a wrong course configuration stops the build, naming the setting', () => {
	const good = { COURSE_CONTENT_DIR: 'tests/fixtures/content-good', COURSE_LABS_DIR: 'tests/fixtures/content-good/labs' };

	test('an accent that is not a hex colour', () => {
		const result = build('bad-colour.yaml', good);
		assert.notEqual(result.status, 0, result.output);
		assert.match(result.output, /bad-colour\.yaml: colors\.light\.accent "#zzz" is not a hex colour/);
	});

	test('an accent without enough contrast, with the background and the fix', () => {
		const result = build('low-contrast.yaml', good);
		assert.notEqual(result.status, 0, result.output);
		assert.match(result.output, /low-contrast\.yaml: colors\.dark\.accent "#30363d" has a contrast ratio of [\d.]+:1 with the dark background --bg/);
		assert.match(result.output, /Pick a lighter accent for the dark scheme/);
	});

	test('a base path without its slashes', () => {
		const result = build('bad-base.yaml', good);
		assert.notEqual(result.status, 0, result.output);
		assert.match(result.output, /bad-base\.yaml: base "courses\/client-server" must start and end with "\/"/);
	});

	test('a module the course does not have', () => {
		const result = build('unknown-module.yaml', good);
		assert.notEqual(result.status, 0, result.output);
		assert.match(result.output, /unknown-module\.yaml: modules names "no-such-module", which is not a module in .*modules\.yaml/);
		assert.match(result.output, /Use some of: first-steps, going-further/);
	});
});

describe('a custom course configuration', { timeout: 240_000 }, () => {
	test('builds with its title and accent, only the shown module, and its runtime policy', () => {
		const result = build('custom.yaml');
		assert.equal(result.status, 0, result.output);
		const home = readFileSync(join(outDir, 'index.html'), 'utf8');
		assert.match(home, /<title>Fixture Course Title<\/title>/);
		assert.match(home, /class="site-title"[^>]*>Fixture Course Title</);
		assert.match(home, /--accent: light-dark\(#8a2be2, #ffb86c\)/);
		assert.ok(existsSync(join(outDir, 'lessons/practice/round-robin/index.html')), 'the shown module is built');
		assert.ok(!existsSync(join(outDir, 'lessons/foundations')), 'a hidden module has no pages');
		assert.doesNotMatch(home, /\/lessons\/foundations\//, 'a hidden module is not in the outline');
		const lab = readFileSync(join(outDir, 'lessons/practice/round-robin/index.html'), 'utf8');
		assert.match(lab, /<title>[^<]* · Fixture Course Title<\/title>/);
		assert.match(lab, /data-runtime-policy="local"/);
	});

	test('a lab under the `local` policy ignores ?runtime=webcontainer and runs on the local runtime', async () => {
		// Without the policy this address would try the in-browser runtime, which never starts here,
		// and give up after 8 s without trying the local one.
		const runtime = createRuntimeHandler();
		const site = await createSiteServer({ root: outDir, port: 0, handle: runtime });
		const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
		try {
			const page = await browser.newPage();
			await page.goto(`${site.url}lessons/practice/orders-api/?runtime=webcontainer`);
			const region = page.getByRole('region', { name: 'Lab: orders-api' });
			await region.scrollIntoViewIfNeeded();
			await region.getByRole('tablist', { name: 'Files' }).waitFor({ timeout: 30_000 });
			await region.getByRole('button', { name: 'Run checks' }).click();
			await region.getByText(/^Runs on: local runtime/).waitFor({ timeout: 30_000 });
			assert.equal(await region.getByText('Starting the in-browser runtime…').count(), 0);
		} finally {
			await browser.close();
			await runtime.close();
			await site.close();
		}
	});
});
