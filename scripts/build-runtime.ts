// Bundles the lab session (`src/runtime/session-main.ts`) and every lab's checks into one file,
// `public/runtime/session.mjs`, that the static site ships and the page mounts into a WebContainer,
// where it runs on Node 20 or later with nothing installed. As in `build-harness.ts`, a bundle cannot
// import TypeScript at run time, so this script writes an entry that imports every
// `labs/*/checks.ts` statically; the session then runs only those labs.
// Usage: npm run build:runtime [-- --labs <dir> --out <file>]
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
	options: {
		labs: { type: 'string', default: join(root, 'labs') },
		out: { type: 'string', default: join(root, 'public', 'runtime', 'session.mjs') },
	},
});
const labsDir = resolve(values.labs);
const outfile = resolve(values.out);

const labs = existsSync(labsDir)
	? readdirSync(labsDir, { withFileTypes: true })
			.filter((entry) => entry.isDirectory() && existsSync(join(labsDir, entry.name, 'checks.ts')))
			.map((entry) => entry.name)
			.sort()
	: [];
if (labs.length === 0) {
	console.error(`No labs found: expected folders with a checks.ts in ${labsDir}.`);
	process.exit(1);
}

const entry = [
	`import { runSessionProcess } from ${JSON.stringify(join(root, 'src/runtime/session-main.ts'))};`,
	`import { staticLabSource } from ${JSON.stringify(join(root, 'src/grader/lab-source.ts'))};`,
	...labs.map((id, i) => `import lab${i} from ${JSON.stringify(join(labsDir, id, 'checks.ts'))};`),
	`runSessionProcess(staticLabSource([${labs.map((_, i) => `lab${i}`).join(', ')}]));`,
].join('\n');

const started = Date.now();
const result = await build({
	stdin: { contents: entry, resolveDir: root, sourcefile: 'session-entry.ts', loader: 'ts' },
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	outfile,
	legalComments: 'none',
	logLevel: 'warning',
	metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(
	`Bundled the lab session with ${labs.length} labs (${labs.join(', ')}) into ${outfile}: ${(bytes / 1024).toFixed(1)} KB in ${Date.now() - started} ms.`,
);
