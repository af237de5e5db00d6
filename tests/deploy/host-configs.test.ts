// Every host configuration is generated from src/lib/deploy-headers.ts; these tests fail when a
// committed file was edited by hand or the list changed without regenerating them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { hostConfigs } from '../../scripts/host-configs.ts';
import { contentSecurityPolicy, scriptHash, siteHeaders } from '../../src/lib/deploy-headers.ts';
import { themeScript } from '../../src/lib/theme-script.ts';

for (const [path, expected] of hostConfigs()) {
	test(`${path} is what scripts/write-host-configs.ts generates`, () => {
		const committed = readFileSync(path, 'utf8');
		assert.equal(committed, expected, `${path} drifted: run "node scripts/write-host-configs.ts"`);
	});
}

test('every host configuration carries every site header with its exact value', () => {
	for (const [path, text] of hostConfigs()) {
		for (const [name, value] of Object.entries(siteHeaders)) {
			assert.ok(text.includes(name) && text.includes(value), `${path} lacks ${name}: ${value}`);
		}
	}
});

test('the policy allows the theme script by its hash, no other inline script, and no eval', () => {
	const scripts = /script-src ([^;]*)/.exec(contentSecurityPolicy)?.[1] ?? '';
	// Search's WebAssembly needs 'wasm-unsafe-eval', which compiles WebAssembly and never runs strings as JS.
	assert.deepEqual(scripts.split(' '), ["'self'", scriptHash(themeScript), "'wasm-unsafe-eval'"]);
	assert.doesNotMatch(contentSecurityPolicy, /'unsafe-eval'/);
	assert.match(contentSecurityPolicy, /frame-ancestors 'none'/);
	assert.match(contentSecurityPolicy, /object-src 'none'/);
});
