// Runs scripts/serve.ts over a small folder laid out like Astro's output and checks what a browser
// and an attacker would see: isolation headers everywhere, clean URLs, and no way out of the folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSiteServer, type SiteServer } from '../../scripts/serve.ts';

interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** Sends a request with the path exactly as given: fetch() would remove `..` segments first. */
function raw(base: string, path: string, method = 'GET'): Promise<RawResponse> {
	const { hostname, port } = new URL(base);
	return new Promise((done, fail) => {
		const req = request({ hostname, port, path, method, timeout: 5_000 }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				done({
					status: res.statusCode ?? 0,
					headers: res.headers,
					body: Buffer.concat(chunks).toString(),
				}),
			);
		});
		req.on('timeout', () => req.destroy(new Error(`No answer to ${method} ${path} within 5 s`)));
		req.on('error', fail);
		req.end();
	});
}

function assertIsolated(response: RawResponse, what: string): void {
	assert.equal(response.headers['cross-origin-opener-policy'], 'same-origin', what);
	assert.equal(response.headers['cross-origin-embedder-policy'], 'require-corp', what);
	assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin', what);
}

/** A small folder laid out like Astro's output, and a secret beside it that must never be served. */
function writeSite(sandbox: string, root: string): void {
	mkdirSync(join(root, 'lessons', 'intro'), { recursive: true });
	mkdirSync(join(root, '_astro'));
	writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
	writeFileSync(join(root, 'lessons', 'intro', 'index.html'), '<h1>intro</h1>');
	writeFileSync(join(root, '404.html'), '<h1>custom not found</h1>');
	writeFileSync(join(root, '_astro', 'app.abc123.js'), 'console.log(1);');
	writeFileSync(join(root, '_astro', 'app.abc123.css'), 'body{}');
	writeFileSync(join(root, 'favicon.svg'), '<svg/>');
	writeFileSync(join(sandbox, 'secret.txt'), 'outside the site');
	symlinkSync(join(sandbox, 'secret.txt'), join(root, 'link-out.txt'));
}

describe('scripts/serve.ts', () => {
	const sandbox = mkdtempSync(join(tmpdir(), 'course-serve-'));
	const root = join(sandbox, 'dist');
	let site: SiteServer;

	before(async () => {
		writeSite(sandbox, root);
		site = await createSiteServer({ root, port: 0 });
	});

	after(async () => {
		await site.close();
		rmSync(sandbox, { recursive: true, force: true });
	});

	test('listens on 127.0.0.1 only', () => {
		assert.match(site.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
	});

	test('serves pages and assets with their content type and the isolation headers', async () => {
		const cases: [string, string, string][] = [
			['/', 'text/html; charset=utf-8', '<h1>home</h1>'],
			['/lessons/intro/', 'text/html; charset=utf-8', '<h1>intro</h1>'],
			['/_astro/app.abc123.js', 'text/javascript; charset=utf-8', 'console.log(1);'],
			['/_astro/app.abc123.css', 'text/css; charset=utf-8', 'body{}'],
			['/favicon.svg', 'image/svg+xml', '<svg/>'],
		];
		for (const [path, type, body] of cases) {
			const response = await raw(site.url, path);
			assert.equal(response.status, 200, path);
			assert.equal(response.headers['content-type'], type, path);
			assert.equal(response.body, body, path);
			assertIsolated(response, path);
		}
	});

	test('lets browsers keep hashed assets for good and revalidate pages', async () => {
		assert.match(
			String((await raw(site.url, '/_astro/app.abc123.js')).headers['cache-control']),
			/immutable/,
		);
		assert.equal((await raw(site.url, '/lessons/intro/')).headers['cache-control'], 'no-cache');
	});

	test('redirects a folder without its trailing slash, keeping the query', async () => {
		const response = await raw(site.url, '/lessons/intro?x=1');
		assert.equal(response.status, 301);
		assert.equal(response.headers['location'], '/lessons/intro/?x=1');
		assertIsolated(response, 'redirect');
	});

	test('answers an unknown path with the site 404 page, isolated too', async () => {
		const response = await raw(site.url, '/no/such/page/');
		assert.equal(response.status, 404);
		assert.equal(response.body, '<h1>custom not found</h1>');
		assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
		assertIsolated(response, '404');
	});

	test('answers HEAD without a body and other methods with 405', async () => {
		const head = await raw(site.url, '/', 'HEAD');
		assert.equal(head.status, 200);
		assert.equal(head.body, '');
		assert.equal(head.headers['content-length'], String('<h1>home</h1>'.length));
		const post = await raw(site.url, '/', 'POST');
		assert.equal(post.status, 405);
		assert.equal(post.headers['allow'], 'GET, HEAD');
		assertIsolated(post, '405');
	});

	test('never serves a file outside its folder, however the path is written', async () => {
		const attempts = [
			'/../secret.txt',
			'/lessons/../../secret.txt',
			'/..%2fsecret.txt',
			'/%2e%2e/secret.txt',
			'/lessons/%2e%2e%2f%2e%2e%2fsecret.txt',
			'/..%5csecret.txt',
			'/link-out.txt',
			'/%00',
			'/%E0%A4%A',
		];
		for (const path of attempts) {
			const response = await raw(site.url, path);
			assert.ok([400, 403, 404].includes(response.status), `${path} got ${response.status}`);
			assert.doesNotMatch(response.body, /outside the site/, path);
			assertIsolated(response, path);
		}
	});
});

describe('scripts/serve.ts for a site built under a base path', () => {
	const sandbox = mkdtempSync(join(tmpdir(), 'course-serve-base-'));
	const root = join(sandbox, 'dist');
	const base = '/courses/client-server/';
	let site: SiteServer;
	let origin: string;

	before(async () => {
		writeSite(sandbox, root);
		site = await createSiteServer({ root, port: 0, base });
		origin = new URL(site.url).origin;
	});

	after(async () => {
		await site.close();
		rmSync(sandbox, { recursive: true, force: true });
	});

	test('gives the site address with its base', () => {
		assert.equal(site.url, `${origin}${base}`);
	});

	test('serves pages, assets and folder redirects under the base', async () => {
		assert.equal((await raw(origin, `${base}lessons/intro/`)).body, '<h1>intro</h1>');
		const asset = await raw(origin, `${base}_astro/app.abc123.js`);
		assert.equal(asset.body, 'console.log(1);');
		assert.match(String(asset.headers['cache-control']), /immutable/);
		const folder = await raw(origin, `${base}lessons/intro?x=1`);
		assert.equal(folder.status, 301);
		assert.equal(folder.headers['location'], `${base}lessons/intro/?x=1`);
	});

	test('sends the bare origin and the base without its slash to the course', async () => {
		for (const path of ['/', base.slice(0, -1)]) {
			const response = await raw(origin, path);
			assert.equal(response.status, 302, path);
			assert.equal(response.headers['location'], base, path);
			assertIsolated(response, path);
		}
	});

	test('answers paths outside the base with the 404 page, not the files', async () => {
		for (const path of ['/lessons/intro/', '/_astro/app.abc123.js', '/courses/other/']) {
			const response = await raw(origin, path);
			assert.equal(response.status, 404, path);
			assert.equal(response.body, '<h1>custom not found</h1>', path);
			assert.notEqual(
				response.headers['cache-control'],
				'public, max-age=31536000, immutable',
				path,
			);
		}
	});

	test('never serves a file outside its folder from under the base either', async () => {
		for (const path of [`${base}../secret.txt`, `${base}..%2fsecret.txt`, `${base}link-out.txt`]) {
			const response = await raw(origin, path);
			assert.ok([400, 403, 404].includes(response.status), `${path} got ${response.status}`);
			assert.doesNotMatch(response.body, /outside the site/, path);
		}
	});
});
