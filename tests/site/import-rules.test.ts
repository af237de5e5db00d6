import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// The layer rules in eslint.layers.js, held to what they are for: each import below runs the wrong
// way and must be reported by the project's own ESLint configuration, and each import that runs
// the right way must not be. The files are linted as text under a made-up name inside the layer,
// so nothing is written into src/ and a rule that stops matching (a renamed folder, a rule dropped
// from the config) fails here rather than letting wrong-way imports in unnoticed.

const root = join(import.meta.dirname, '..', '..');
// The probes exist only as text, which TypeScript's project service will not open, so they are
// linted without type information; the layer rules need none.
const eslint = new ESLint({
	cwd: root,
	overrideConfig: { files: ['**/layer-probe.ts'], ...tseslint.configs.disableTypeChecked },
});

/** The messages of the layer rules for `code` linted as the file at `path` (relative to the root). */
async function layerMessages(path: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath: join(root, path) });
	assert.ok(result, `ESLint returned no result for ${path}`);
	const fatal = result.messages.filter((message) => message.fatal);
	assert.deepEqual(fatal, [], `${path} did not parse`);
	return result.messages
		.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
		.map((m) => m.message);
}

/** Wrong-way imports, by the file that would hold them. */
const wrong: Record<string, string[]> = {
	'src/shared/layer-probe.ts': [
		"import '../harness/index.ts';",
		"import '../runtime/session.ts';",
		"import { readFileSync } from 'node:fs';\nexport const read = readFileSync;",
		"import { join } from 'path';\nexport const joined = join;",
		"import 'yaml';",
	],
	'src/client/lab/layer-probe.ts': [
		"import '../../runtime/local-server.ts';",
		"import '../../harness/index.ts';",
		"import '../../grader/grade.ts';",
		"import '../../sandbox/run.ts';",
		"import '../../labs/index.ts';",
		"import '../../lib/lab-bundle/load-lab.ts';",
		"import { readFile } from 'node:fs/promises';\nexport const read = readFile;",
		"void import('../../runtime/session.ts');",
		"export type Handler = typeof import('../../runtime/local-server.ts');",
	],
	'src/harness/layer-probe.ts': [
		"import '../grader/grade.ts';",
		"import '../runtime/session.ts';",
		"import '../client/lab/boot.ts';",
		"import '../lib/lab-bundle/load-lab.ts';",
		"import '../labs/index.ts';",
		"import '../sandbox/run.ts';",
		"import '../../labs/round-robin/checks.ts';",
	],
	'src/labs/layer-probe.ts': ["import '../grader/grade.ts';", "import '../runtime/session.ts';"],
	'src/sandbox/layer-probe.ts': ["import '../grader/grade.ts';", "import '../runtime/session.ts';"],
	'src/runtime/layer-probe.ts': [
		"import '../grader/grade.ts';",
		"import '../client/lab/boot.ts';",
		"void import('../grader/batch/index.ts');",
	],
	'src/grader/batch/layer-probe.ts': [
		"import '../../runtime/session.ts';",
		"import '../../client/lab/boot.ts';",
	],
	'src/lib/lab-bundle/layer-probe.ts': [
		"import '../../runtime/session.ts';",
		"import '../../grader/grade.ts';",
	],
	'scripts/bench/layer-probe.ts': ["import '../../tests/labs/discover.ts';"],
	'labs/round-robin/checks/layer-probe.ts': [
		"import '../../../src/harness/runner.ts';",
		"import '../../../src/grader/grade.ts';",
		"import '../../../src/labs/index.ts';",
	],
};

/** Imports that run the right way, which must stay allowed. */
const right: Record<string, string> = {
	'src/shared/layer-probe.ts': "import './protocol.ts';",
	'src/client/lab/layer-probe.ts':
		"import '../../shared/protocol.ts';\nimport './adapters/choose.ts';\nimport '@webcontainer/api';",
	'src/harness/layer-probe.ts': "import '../shared/scale-text.ts';\nimport 'node:fs';",
	'src/runtime/layer-probe.ts':
		"import '../harness/index.ts';\nimport '../sandbox/run-lab.ts';\nimport '../labs/index.ts';\nimport '../shared/wire.ts';",
	'src/grader/batch/layer-probe.ts': "import '../../sandbox/run-lab.ts';\nimport '../grade.ts';",
	'src/lib/lab-bundle/layer-probe.ts':
		"import '../../labs/index.ts';\nimport '../../shared/lab-bundle.ts';",
	'labs/round-robin/checks/layer-probe.ts':
		"import '../../../src/harness/index.ts';\nimport '../../shared/balancer/pool.ts';",
};

describe('import rules between layers', () => {
	for (const [path, imports] of Object.entries(wrong)) {
		for (const code of imports) {
			test(`${path} may not hold ${code.split('\n')[0]}`, async () => {
				const messages = await layerMessages(path, code);
				assert.equal(messages.length, 1, `expected one layer error, got: ${messages.join(' | ')}`);
			});
		}
	}
	for (const [path, code] of Object.entries(right)) {
		test(`${path} may hold ${code.replaceAll('\n', ' ')}`, async () => {
			assert.deepEqual(await layerMessages(path, code), []);
		});
	}
});
