// Builds small fixture courses that are wrong in one way each, and checks that the build stops
// with a message that names the file, the field, and (for labs) the missing folder and the fix.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildFixture } from './support/astro-build.ts';

const fixtures = 'tests/fixtures';
const labs = `${fixtures}/content-good/labs`;

describe('building the course from its content files', () => {
	test('succeeds for a correct course, so the failures below come from their own mistake', async () => {
		const result = await buildFixture(`${fixtures}/content-good`, labs);
		assert.equal(result.timedOut, false);
		assert.equal(result.code, 0, result.output);
		assert.match(result.output, /lessons\/going-further\/with-lab\/index\.html/);
	});

	test('fails on a field of the wrong type, naming the file and the field', async () => {
		const result = await buildFixture(`${fixtures}/content-bad-field`, labs);
		assert.notEqual(result.code, 0, result.output);
		assert.match(result.output, /InvalidContentEntryDataError/);
		assert.match(result.output, /content-bad-field\/lessons\/01-basics\/01-wrong-order\.mdx/);
		assert.match(result.output, /order.*Expected type `?"?number/);
	});

	test('fails on a field the schema does not know, naming the file and the field', async () => {
		const result = await buildFixture(`${fixtures}/content-unknown-field`, labs);
		assert.notEqual(result.code, 0, result.output);
		assert.match(result.output, /content-unknown-field\/lessons\/01-basics\/01-extra-field\.mdx/);
		assert.match(result.output, /Unrecognized key: "difficulty"/);
	});

	test('fails on a module missing from modules.yaml, naming the file, the field and the fix', async () => {
		const result = await buildFixture(`${fixtures}/content-unknown-module`, labs);
		assert.notEqual(result.code, 0, result.output);
		assert.match(
			result.output,
			/content-unknown-module\/lessons\/01-basics\/01-lost\.mdx: field "module" names "no-such-module"/,
		);
		assert.match(result.output, /Use one of: basics; or add "no-such-module" to .*modules\.yaml/);
	});

	test('fails on a lab without a folder, naming the file, the field, the folder and the fix', async () => {
		const result = await buildFixture(`${fixtures}/content-missing-lab`, labs);
		assert.notEqual(result.code, 0, result.output);
		assert.match(
			result.output,
			/content-missing-lab\/lessons\/01-basics\/01-needs-lab\.mdx: field "labs\.0" names lab "no-such-lab"/,
		);
		assert.match(result.output, /content-good\/labs\/no-such-lab\/checks\.ts does not exist/);
		assert.match(result.output, /Create the folder .*no-such-lab\/ with its checks\.ts/);
	});
});
