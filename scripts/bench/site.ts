// Builds the site and prints what each kind of page makes a browser download: HTML, JS and CSS,
// raw and gzipped, counting linked files, the modules they import statically, and inline scripts
// and styles. Dynamic imports are left out: they load only when a learner uses a lab or opens the
// search, whose own weight is printed below the table (scripts/bench/search-weight.ts).
// Usage: node scripts/bench/site.ts [--no-build] [--dist <folder>]  (default dist/)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { searchWeight } from './search-weight.ts';

const distAt = process.argv.indexOf('--dist');
const dist = distAt > 0 ? (process.argv[distAt + 1] ?? 'dist') : 'dist';
const jsBudgetGzip = 15 * 1024;

interface Weight {
	raw: number;
	gzip: number;
}
interface PageWeight {
	path: string;
	/** The scripts the page loads up front. */
	scripts: Set<string>;
	html: Weight;
	js: Weight;
	css: Weight;
}

const size = (text: string): Weight => ({
	raw: Buffer.byteLength(text),
	gzip: gzipSync(text).length,
});
const add = (a: Weight, b: Weight): Weight => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });
const zero = (): Weight => ({ raw: 0, gzip: 0 });

function build(): number {
	const started = performance.now();
	const result = spawnSync(
		process.execPath,
		['node_modules/astro/bin/astro.mjs', 'build', '--outDir', dist],
		{
			encoding: 'utf8',
			env: { ...process.env, NO_COLOR: '1' },
		},
	);
	if (result.status !== 0) {
		console.error(
			`${result.stdout}\n${result.stderr}\nscripts/bench/site.ts: "astro build" failed (above).`,
		);
		process.exit(1);
	}
	return performance.now() - started;
}

/** A site path such as `/_astro/a.js`, as a file under dist/. */
function fileFor(url: string): string {
	return join(dist, decodeURIComponent(url.split(/[?#]/)[0] ?? ''));
}

/** A JS file and every module it imports statically, each counted once. */
function jsClosure(url: string, seen: Set<string>): Weight {
	if (seen.has(url)) return zero();
	seen.add(url);
	const text = readFileSync(fileFor(url), 'utf8');
	let total = size(text);
	// Static imports only: `import "./a.js"` and `... from "./a.js"`; `import("./a.js")` is lazy.
	const imports = text.matchAll(/(?:\bfrom|\bimport)\s*['"]([^'"]+\.m?js)['"]/g);
	for (const [, specifier = ''] of imports) {
		if (!specifier.startsWith('.') && !specifier.startsWith('/')) continue;
		const target = posix.resolve(posix.dirname(url), specifier);
		// A match inside a string literal may name no real file; only real modules count.
		if (existsSync(fileFor(target))) total = add(total, jsClosure(target, seen));
	}
	return total;
}

function attribute(tag: string, name: string): string | undefined {
	return new RegExp(`\\s${name}=["']?([^"'\\s>]+)`, 'i').exec(tag)?.[1];
}

function weigh(file: string): PageWeight {
	const html = readFileSync(file, 'utf8');
	const seen = new Set<string>();
	let js = zero();
	let css = zero();
	for (const [, attrs = '', body = ''] of html.matchAll(
		/<script\b([^>]*)>([\s\S]*?)<\/script>/gi,
	)) {
		const src = attribute(attrs, 'src');
		if (src) js = add(js, jsClosure(src, seen));
		else if (!/type=["']?application\/(ld\+)?json/i.test(attrs)) js = add(js, size(body));
	}
	for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
		const rel = attribute(tag, 'rel');
		const href = attribute(tag, 'href');
		if (!href) continue;
		if (rel === 'stylesheet') css = add(css, size(readFileSync(fileFor(href), 'utf8')));
		if (rel === 'modulepreload') js = add(js, jsClosure(href, seen));
	}
	for (const [, body = ''] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi))
		css = add(css, size(body));
	const path = `/${relative(dist, file)
		.replaceAll('\\', '/')
		.replace(/(^|\/)index\.html$/, '$1')}`;
	return { path, scripts: seen, html: size(html), js, css };
}

function pageType(file: string): string {
	if (file === join(dist, 'index.html')) return 'home';
	if (file === join(dist, '404.html')) return '404';
	const labs = /data-lab-count="(\d+)"/.exec(readFileSync(file, 'utf8'))?.[1];
	if (labs === undefined) return 'other';
	return labs === '0' ? 'lesson without lab' : 'lesson with lab';
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pair = (w: Weight) => `${kb(w.raw)} / ${kb(w.gzip)}`.padStart(20);

const buildMs = process.argv.includes('--no-build') ? undefined : build();
const pages = readdirSync(dist, { recursive: true, withFileTypes: true })
	.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
	.map((entry) => join(entry.parentPath, entry.name));
const byType = Map.groupBy(pages, pageType);

console.log(
	buildMs === undefined
		? 'Build: skipped (--no-build)'
		: `Build: ${(buildMs / 1000).toFixed(1)} s (astro build)`,
);
console.log('Each row is the heaviest page of its type, by gzipped JS; sizes are raw / gzip.\n');
console.log(
	`${'page type'.padEnd(20)}${'pages'.padStart(6)}${'HTML'.padStart(20)}${'JS'.padStart(20)}${'CSS'.padStart(20)}  heaviest page`,
);
let lessonJs: number | undefined;
let labLesson: PageWeight | undefined;
for (const type of ['home', 'lesson without lab', 'lesson with lab', '404', 'other']) {
	const files = byType.get(type);
	if (!files) continue;
	const heaviest = files
		.map(weigh)
		.sort((a, b) => b.js.gzip - a.js.gzip || b.html.gzip - a.html.gzip)[0]!;
	if (type === 'lesson without lab') lessonJs = heaviest.js.gzip;
	if (type === 'lesson with lab') labLesson = heaviest;
	console.log(
		`${type.padEnd(20)}${String(files.length).padStart(6)}${pair(heaviest.html)}${pair(heaviest.js)}${pair(heaviest.css)}  ${heaviest.path}`,
	);
}
console.log('');
if (lessonJs === undefined) {
	console.log('JS budget: no lesson without a lab was built, nothing to check.');
} else {
	const verdict = lessonJs <= jsBudgetGzip ? 'OK' : 'OVER';
	console.log(
		`JS budget, lesson without lab: ${kb(lessonJs)} gzip of ${kb(jsBudgetGzip)}: ${verdict}`,
	);
}

const search = searchWeight(dist, jsClosure, labLesson?.scripts ?? new Set());
const opener = readdirSync(join(dist, '_astro')).find((file) =>
	/^SiteSearch\.astro.*\.js$/.test(file),
);
if (search) {
	console.log('\nSearch, loaded when the dialog first opens (raw / gzip):');
	console.log(`  the dialog's code${pair(search.dialog)}`);
	console.log(`  Pagefind's script, worker and WebAssembly${pair(search.pagefind)}`);
	console.log(
		`  the index, ${search.indexFiles} files, a query fetching a few${pair(search.index)}`,
	);
	if (opener)
		console.log(
			`  up front on every page, in the JS above: the opener${pair(size(readFileSync(join(dist, '_astro', opener), 'utf8')))}`,
		);
} else {
	console.log('\nSearch: no search dialog chunk or pagefind/ folder in the build.');
}
