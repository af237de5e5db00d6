// Static hosts read their own header files, not our server. These tests keep those files saying
// exactly what scripts/serve.ts and astro.config.mjs send, so a deployed lab page stays isolated.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { siteHeaders } from '../../src/lib/deploy-headers.ts';

test('public/_headers (Netlify, Cloudflare Pages) sends the isolation headers on every path', () => {
	const text = readFileSync('public/_headers', 'utf8');
	const lines = text.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
	assert.equal(lines[0], '/*', 'the first rule must match every path');
	const rule = lines.slice(
		1,
		lines.findIndex((line, i) => i > 0 && !line.startsWith(' ')),
	);
	const sent = Object.fromEntries(
		rule.map((line) => {
			const [name = '', ...value] = line.trim().split(':');
			return [name.trim(), value.join(':').trim()];
		}),
	);
	assert.deepEqual(sent, siteHeaders);
});

test('vercel.json sends the isolation headers on every path', () => {
	const config = JSON.parse(readFileSync('vercel.json', 'utf8')) as {
		headers: { source: string; headers: { key: string; value: string }[] }[];
	};
	const rule = config.headers.find((entry) => entry.source === '/(.*)');
	assert.ok(rule, 'vercel.json needs a headers rule with source "/(.*)"');
	const sent = Object.fromEntries(rule.headers.map(({ key, value }) => [key, value]));
	assert.deepEqual(sent, siteHeaders);
});
