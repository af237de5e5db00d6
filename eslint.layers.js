// The layers of the code, as import rules: each entry says which folders a layer may not import,
// and why, so that an import running the wrong way fails `npm run lint` instead of waiting for a
// reviewer to notice. tests/site/import-rules.test.ts lints a wrong-way import into every layer and
// fails if any of these stops reporting it.
//
// The rules match the import's text, as ESLint's no-restricted-imports does: a relative path that
// climbs out of a layer (`../../grader/grade.ts`) and names a forbidden folder. That is exact as
// long as no folder inside a layer is named like a folder of src/ or of the project's root, which
// holds today (the browser's runtime adapters are in src/client/lab/adapters/ partly for this).
// Dynamic `import()` and `typeof import()` types are held to the same rules through
// no-restricted-syntax, which sees them where no-restricted-imports does not.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';

/** Folders an import can name: those of src/ and of the project's root. */
const folders = [
	...new Set(
		['src', '.'].flatMap((dir) =>
			readdirSync(dir, { withFileTypes: true })
				.filter((entry) => entry.isDirectory() && !/^(\.|node_modules$|dist)/.test(entry.name))
				.map((entry) => entry.name),
		),
	),
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A relative import that climbs out of its folder and names one of `names`. */
const climbsTo = (names) => `^(?:\\.\\./)+(?:${names.map(escape).join('|')})(?:/|$)`;

const nodeBuiltins = {
	regex: `^(?:node:|(?:${builtinModules
		.filter((name) => !name.startsWith('_'))
		.map(escape)
		.join('|')})(?:/|$))`,
	message: 'it runs in the browser too, where Node built-ins do not exist.',
};

/** Every layer with its rules. `only` lists what it may import (all else is forbidden); `never`
 * lists what it may not. */
const layers = [
	{
		folder: 'src/shared',
		only: [],
		also: [
			{
				regex: '^[^./]',
				message:
					'it runs in the browser and in Node alike, so it imports neither Node built-ins nor packages.',
			},
		],
		why: 'shared code imports only its own files, so the page and Node can both use all of it.',
	},
	{
		folder: 'src/client',
		only: ['shared'],
		also: [nodeBuiltins],
		why: 'browser code imports only src/shared of src/, so nothing Node-only reaches a page; move what both sides need into src/shared.',
	},
	{
		folder: 'src/harness',
		only: ['shared'],
		why: 'the harness is the bottom layer, which labs, the grader and the runtimes build on, so it imports none of them.',
	},
	{
		folder: 'src/labs',
		only: ['harness', 'shared'],
		why: 'finding and loading labs sits just above the harness, and everything else uses it.',
	},
	{
		folder: 'src/sandbox',
		only: ['harness', 'labs', 'shared'],
		why: 'the sandbox runs the harness for both the grader and the runtime, so it imports neither.',
	},
	{
		folder: 'src/runtime',
		never: ['grader', 'client', 'lab-cli'],
		why: 'the runtime does not depend on the grader, nor on the page it serves; move what both need into src/harness, src/sandbox or src/shared.',
	},
	{
		folder: 'src/grader',
		never: ['runtime', 'client', 'lab-cli'],
		why: 'the grader does not depend on the runtime, nor on the page; move what both need into src/harness, src/sandbox or src/shared.',
	},
	{
		folder: 'src/lib',
		never: ['runtime', 'grader', 'client', 'sandbox', 'lab-cli'],
		why: 'build-time code does not run labs; it reads them through src/labs.',
	},
	{
		folder: 'scripts',
		never: ['tests'],
		why: 'tools do not depend on tests; move what both need into src/ or scripts/.',
	},
	{
		folder: 'labs',
		also: [
			{
				regex: '^(?:\\.\\./)+src/(?!harness/index\\.ts$)',
				message:
					'a lab imports the harness through its public face, src/harness/index.ts, and nothing else of src/.',
			},
		],
		why: '',
	},
];

/** The restrictions of one layer as {regex, message} pairs. */
function restrictions(layer) {
	const self = layer.folder.split('/').at(-1);
	const forbidden = layer.only
		? folders.filter((name) => name !== self && !layer.only.includes(name))
		: (layer.never ?? []);
	const list = [
		...(layer.also ?? []).map((rule) => ({ ...rule, message: `${layer.folder}: ${rule.message}` })),
	];
	if (forbidden.length > 0)
		list.push({ regex: climbsTo(forbidden), message: `${layer.folder}: ${layer.why}` });
	return list;
}

/** esquery reads a regular expression up to the next `/`, so slashes inside one are escaped. */
const selectorRegex = (regex) => `/${regex.replaceAll('/', '\\/')}/`;

export const layerRules = layers.map((layer) => {
	const list = restrictions(layer);
	return {
		files: [`${layer.folder}/**/*.{ts,js,mjs,astro}`],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: list.map(({ regex, message }) => ({ regex, message })) },
			],
			'no-restricted-syntax': [
				'error',
				...list.flatMap(({ regex, message }) =>
					['ImportExpression', 'TSImportType'].map((node) => ({
						selector: `${node}[source.value=${selectorRegex(regex)}]`,
						message,
					})),
				),
			],
		},
	};
});
