// What the search costs a learner, reported apart from the page weights: nothing of it loads with a
// page but the few lines that open the dialog; the rest arrives when the dialog first opens. Sizes
// are of the files as served; Pagefind's index files are gzip already, so their two sizes match.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Weight {
	raw: number;
	gzip: number;
}

export interface SearchWeight {
	/** The dialog's own code: its lazy chunk and the modules it imports that no page loads up front. */
	dialog: Weight;
	/** Pagefind's script, its worker and its WebAssembly, all fetched on the first opening. */
	pagefind: Weight;
	/** The whole index on disk; a query fetches only the few chunks and fragments it needs. */
	index: Weight;
	indexFiles: number;
}

const fileWeight = (path: string): Weight => {
	const bytes = readFileSync(path);
	return { raw: bytes.length, gzip: gzipSync(bytes).length };
};
const add = (a: Weight, b: Weight): Weight => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });

/** `closure(url, seen)` weighs a script and its static imports, skipping those already in `seen`;
 * `pageSeen` holds what the heaviest lesson page loaded up front. */
export function searchWeight(
	dist: string,
	closure: (url: string, seen: Set<string>) => Weight,
	pageSeen: ReadonlySet<string>,
): SearchWeight | undefined {
	const folder = join(dist, 'pagefind');
	const chunk = readdirSync(join(dist, '_astro')).find((file) =>
		/^search-dialog\.[\w-]+\.js$/.test(file),
	);
	if (!chunk || !existsSync(folder)) return undefined;
	const dialog = closure(`/_astro/${chunk}`, new Set(pageSeen));
	const pagefind = ['pagefind.js', 'pagefind-worker.js', 'wasm.en.pagefind']
		.map((file) => fileWeight(join(folder, file)))
		.reduce(add);
	const indexFiles = readdirSync(folder, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && /\.pf_(meta|index|fragment)$/.test(entry.name))
		.map((entry) => join(entry.parentPath, entry.name));
	const index = indexFiles
		.map((file) => ({ raw: statSync(file).size, gzip: statSync(file).size }))
		.reduce(add, { raw: 0, gzip: 0 });
	return { dialog, pagefind, index, indexFiles: indexFiles.length };
}
