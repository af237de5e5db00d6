import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { zipTextFiles } from '../../src/client/lab/zip.ts';

// The workspace hands a learner their files as a ZIP when the browser cannot keep them; another
// program must open it. Python's zipfile, which checks every CRC, reads it back here.
test('the files download is a ZIP that another program opens, names and texts intact', async (t) => {
	const dir = mkdtempSync(join(tmpdir(), 'lab-zip-'));
	t.after(() => rmSync(dir, { recursive: true, force: true }));
	const files = {
		'server.js': "console.log('héllo → wörld');\n",
		'lib/router.js': 'export {};\n',
		'products.json': '[]',
	};
	const path = join(dir, 'files.zip');
	writeFileSync(
		path,
		Buffer.from(
			await zipTextFiles('orders-api', files, new Date(2026, 0, 2, 3, 4, 6)).arrayBuffer(),
		),
	);
	const script = [
		'import json, sys, zipfile',
		'z = zipfile.ZipFile(sys.argv[1])',
		'assert z.testzip() is None',
		'print(json.dumps({i.filename: [z.read(i).decode("utf-8"), list(i.date_time)] for i in z.infolist()}))',
	].join('\n');
	const read = JSON.parse(
		execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }),
	) as Record<string, [string, number[]]>;
	assert.deepEqual(Object.keys(read), [
		'orders-api/server.js',
		'orders-api/lib/router.js',
		'orders-api/products.json',
	]);
	for (const [name, text] of Object.entries(files))
		assert.equal(read[`orders-api/${name}`]?.[0], text);
	assert.deepEqual(read['orders-api/server.js']?.[1], [2026, 1, 2, 3, 4, 6]);
});
