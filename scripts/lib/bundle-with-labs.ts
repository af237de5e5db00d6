// Bundles a program together with every lab's checks into one ES module that runs on Node 20 or
// later with nothing installed: the form the grader and the lab session take inside a WebContainer.
// Labs are found by folder on Node 24 (src/labs/, which COURSE_LABS_DIR points elsewhere), but a
// bundle cannot import TypeScript at run time, so the entry written here imports every lab's
// `checks.ts`, and its `playground.ts` when asked for, statically and hands them to `start`.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { labChecksPath, labPlaygroundPath, labsDir, listLabs } from '../../src/labs/index.ts';

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
	/** Whether the labs' playgrounds go in too: the session needs them for Run, the grader not. */
	playgrounds: boolean;
}

/** The entry's import of lab `i`, and the value that hands it to the lab source. */
function labImports(
	id: string,
	i: number,
	playgrounds: boolean,
): { lines: string[]; value: string } {
	const lines = [`import checks${i} from ${JSON.stringify(labChecksPath(id))};`];
	if (!playgrounds || !existsSync(labPlaygroundPath(id))) {
		return { lines, value: `{ checks: checks${i} }` };
	}
	lines.push(`import playground${i} from ${JSON.stringify(labPlaygroundPath(id))};`);
	return { lines, value: `{ checks: checks${i}, playground: playground${i} }` };
}

/** Reads `--out <file>`, bundles the labs of the labs folder, and prints what it wrote. */
export async function bundleWithLabs(spec: BundleSpec): Promise<void> {
	const { values } = parseArgs({
		options: { out: { type: 'string', default: join(root, spec.out) } },
	});
	const outfile = resolve(values.out);
	const labs = listLabs();
	if (labs.length === 0) {
		console.error(`No labs found: expected folders with a checks.ts in ${labsDir}.`);
		process.exit(1);
	}
	const imports = labs.map((id, i) => labImports(id, i, spec.playgrounds));
	const entry = [
		`import { ${spec.start} } from ${JSON.stringify(join(root, spec.module))};`,
		`import { staticLabSource } from ${JSON.stringify(join(root, 'src/labs/load.ts'))};`,
		...imports.flatMap((lab) => lab.lines),
		`${spec.start}(staticLabSource([${imports.map((lab) => lab.value).join(', ')}]));`,
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
