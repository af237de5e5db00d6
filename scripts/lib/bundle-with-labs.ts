// Bundles a program together with every lab's checks into one ES module that runs on Node 20 or
// later with nothing installed: the form the grader and the lab session take inside a WebContainer.
// Labs are found by folder on Node 24, but a bundle cannot import TypeScript at run time, so the
// entry written here imports every `labs/*/checks.ts` statically and hands them to `start`.
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BundleSpec {
	/** What the bundle is, for the closing line ("the grader"). */
	what: string;
	/** The module, relative to the project root, that exports `start`. */
	module: string;
	/** The function of that module that takes a static lab source and runs the program. */
	start: string;
	/** Where the bundle goes by default, relative to the project root; `--out` overrides it. */
	out: string;
}

/** Reads `--labs <dir>` and `--out <file>`, bundles, and prints what it wrote. */
export async function bundleWithLabs(spec: BundleSpec): Promise<void> {
	const { values } = parseArgs({
		options: {
			labs: { type: 'string', default: join(root, 'labs') },
			out: { type: 'string', default: join(root, spec.out) },
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
		`import { ${spec.start} } from ${JSON.stringify(join(root, spec.module))};`,
		`import { staticLabSource } from ${JSON.stringify(join(root, 'src/grader/lab-source.ts'))};`,
		...labs.map((id, i) => `import lab${i} from ${JSON.stringify(join(labsDir, id, 'checks.ts'))};`),
		`${spec.start}(staticLabSource([${labs.map((_, i) => `lab${i}`).join(', ')}]));`,
	].join('\n');
	const started = Date.now();
	const result = await build({
		stdin: { contents: entry, resolveDir: root, sourcefile: 'bundle-entry.ts', loader: 'ts' },
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'esm',
		outfile,
		legalComments: 'none',
		logLevel: 'warning',
		metafile: true,
	});
	const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
	console.log(
		`Bundled ${spec.what} with ${labs.length} labs (${labs.join(', ')}) into ${outfile}: ${(bytes / 1024).toFixed(1)} KB in ${Date.now() - started} ms.`,
	);
}
