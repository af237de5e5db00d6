// The checks every static host configuration must pass, run over a small folder laid out like
// Astro's output: every header on pages, assets, the 404 page and redirects; clean URLs; the types
// of .mjs, .wasm and .json; and a year-long cache only for hashed assets that exist. With a base
// path, the same checks run under it, and the short address without the slash leads to it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { immutableCache, siteHeaders } from '../../../src/lib/deploy-headers.ts';
import type { HostServer } from './host-server.ts';

function assertSiteHeaders(response: Response, what: string): void {
	for (const [name, value] of Object.entries(siteHeaders)) {
		assert.equal(response.headers.get(name), value, `${what}: ${name}`);
	}
}

const files: Record<string, string> = {
	'index.html': 'home',
	'404.html': 'custom not found',
	'lessons/intro/index.html': 'intro',
	'search.html': 'search',
	'a.mjs': 'export {}',
	'a.wasm': '\0asm',
	'a.json': '{}',
	'_astro/app.abc.js': '1',
};

export function describeHostBasics(
	config: string,
	start: (root: string, base: string) => Promise<HostServer>,
	skip: string | undefined,
	base = '/',
): void {
	const where = base === '/' ? 'at the root' : `under ${base}`;
	describe(`${config} over a small folder, ${where}`, { skip }, () => {
		const root = mkdtempSync(join(tmpdir(), 'course-host-root-'));
		let host: HostServer;
		before(async () => {
			mkdirSync(join(root, 'lessons', 'intro'), { recursive: true });
			mkdirSync(join(root, '_astro'));
			for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
			host = await start(root, base);
		});
		after(async () => {
			await host?.stop();
			rmSync(root, { recursive: true, force: true });
		});

		test('serves clean URLs, the 404 page and a slash redirect, all with every header', async () => {
			const cases: [string, number, string][] = [
				['', 200, 'home'],
				['lessons/intro/', 200, 'intro'],
				['search', 200, 'search'],
				['no/such/page/', 404, 'custom not found'],
				['_astro/missing.js', 404, 'custom not found'],
			];
			for (const [path, status, body] of cases) {
				const response = await fetch(host.url + path);
				assert.equal(response.status, status, path);
				assert.equal((await response.text()).trim(), body, path);
				assertSiteHeaders(response, path || '/');
			}
			const redirect = await fetch(`${host.url}lessons/intro`, { redirect: 'manual' });
			assert.ok([301, 308].includes(redirect.status), `redirect got ${redirect.status}`);
			assert.equal(redirect.headers.get('location'), `${base}lessons/intro/`);
			assertSiteHeaders(redirect, 'redirect');
		});

		if (base !== '/') {
			test('sends the base path without its slash to the course', async () => {
				const short = await fetch(host.url.slice(0, -1), { redirect: 'manual' });
				assert.ok([301, 302, 308].includes(short.status), `${base.slice(0, -1)} got ${short.status}`);
				assert.equal(short.headers.get('location'), base);
				// The build answers only under its base; the server's other paths are not the course's.
				// (What they answer is the server owner's: nginx says 404, Caddy an empty 200.)
				const outside = await fetch(new URL('/lessons/intro/', host.url));
				assert.notEqual((await outside.text()).trim(), 'intro', '/lessons/intro/ outside the base');
			});
		}

		test('gives .mjs, .wasm and .json their types and caches only hashed assets for good', async () => {
			const types: [string, RegExp][] = [
				['a.mjs', /^text\/javascript/],
				['a.wasm', /^application\/wasm$/],
				['a.json', /^application\/json/],
			];
			for (const [path, type] of types) {
				assert.match((await fetch(host.url + path)).headers.get('content-type') ?? '', type, path);
			}
			const asset = await fetch(`${host.url}_astro/app.abc.js`);
			assert.equal(asset.headers.get('cache-control'), immutableCache);
			assertSiteHeaders(asset, '/_astro/');
			assert.equal((await fetch(`${host.url}lessons/intro/`)).headers.get('cache-control'), 'no-cache');
			const missing = await fetch(`${host.url}_astro/missing.js`);
			assert.notEqual(missing.headers.get('cache-control'), immutableCache, 'a 404 must not be cached for a year');
		});
	});
}
