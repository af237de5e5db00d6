// A lab's playground is checked when it is loaded, and a broken one names its file and the fix;
// every lab's own playground loads, and a folder under labs/ without a checks.ts is no lab.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { definePlayground, type Playground } from '../../src/harness/index.ts';
import { folderLabSource, labsDir, listLabs } from '../../src/labs/index.ts';

const good: Playground = {
	files: {},
	companions: ['origin'],
	env: (urls) => ({ ORIGIN: urls[0] ?? '' }),
};

describe('definePlayground', () => {
	it('returns a sound playground as it is', () => {
		assert.equal(definePlayground(good), good);
	});

	it('refuses mistakes, saying which field and how to fix it', () => {
		const cases: [Partial<Playground>, RegExp][] = [
			[{ companions: ['a', 'a'] }, /companion "a" is named twice/],
			[{ companions: [' '] }, /every companion needs a name/],
			[
				{ files: { '../up.txt': 'x' } },
				/file "\.\.\/up\.txt" must be a path inside the program's folder/,
			],
			[{ healthPath: 'health' }, /healthPath "health" must start with "\/"/],
			[{ env: () => ({ PORT: '1' }) }, /env must not set PORT/],
			[{ env: () => ({ origin: 'x' }) }, /"origin" must be UPPER_SNAKE_CASE/],
		];
		for (const [change, message] of cases) {
			assert.throws(() => definePlayground({ ...good, ...change }), message);
		}
	});
});

describe('finding labs and their playgrounds', () => {
	const scratch = mkdtempSync(join(tmpdir(), 'playground-test-'));
	after(() => rmSync(scratch, { recursive: true, force: true }));

	it('counts only folders with a checks.ts as labs, so labs/shared/ is none', () => {
		assert.ok(!listLabs().includes('shared'));
		assert.ok(listLabs(labsDir).length >= 10);
	});

	it("loads every lab's playground", async () => {
		const source = folderLabSource();
		for (const id of source.list()) {
			const playground = await source.playground(id);
			if (playground) assert.ok(Array.isArray(playground.companions), id);
		}
	});

	it('names the file of a playground that is not one', async () => {
		mkdirSync(join(scratch, 'broken'));
		writeFileSync(join(scratch, 'broken', 'checks.ts'), 'export default {};\n');
		writeFileSync(
			join(scratch, 'broken', 'playground.ts'),
			'export default { companions: "origin" };\n',
		);
		await assert.rejects(
			folderLabSource(scratch).playground('broken'),
			/broken\/playground\.ts must default-export definePlayground\(\{ files, companions, env \}\)/,
		);
		assert.equal(await folderLabSource(scratch).playground('no-such-lab'), undefined);
	});
});
