// Loads a lab's definition and its playground, from the labs folder or from values compiled into a
// bundle (the WebContainer's session, the grader bundle), where no TypeScript file can be imported
// at run time. Either way a lab is found through its own folder's files, never by a list of names.
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Playground } from '../harness/define-playground.ts';
import type { LabDefinition } from '../harness/types.ts';
import { labChecksPath, labPlaygroundPath, labsDir, listLabs } from './find.ts';
import { checkedPlayground, playgroundFile } from './playground.ts';

/** Where labs come from. */
export interface LabSource {
	/** Lab ids, sorted. */
	list(): string[];
	/** The lab, `undefined` for an unknown id; throws if the lab's `checks.ts` is broken. */
	load(id: string): Promise<LabDefinition | undefined>;
	/** The lab's playground, `undefined` for an unknown id or a lab without `playground.ts`;
	 * throws if the playground is broken. */
	playground(id: string): Promise<Playground | undefined>;
}

/** A path as the person running the command would read it. */
function shown(file: string): string {
	return relative(process.cwd(), file) || file;
}

async function importDefault(file: string): Promise<unknown> {
	// The path is known only at run time; neither the site build's bundler nor esbuild may try to
	// resolve it, so the lab's own file is loaded by Node, types stripped.
	const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
		default?: unknown;
	};
	return module.default;
}

/** Lab folders under `dir`: each `<id>/checks.ts` default-exports `defineLab({...})`, and an
 * optional `<id>/playground.ts` default-exports `definePlayground({...})`. */
export function folderLabSource(dir: string = labsDir): LabSource {
	const list = () => listLabs(dir);
	return {
		list,
		async load(id) {
			if (!list().includes(id)) return undefined;
			const file = labChecksPath(id, dir);
			return validLab(await importDefault(file), id, shown(file));
		},
		async playground(id) {
			if (!list().includes(id) || !playgroundFile(id, dir)) return undefined;
			const file = labPlaygroundPath(id, dir);
			const where = shown(file);
			const value = await importDefault(file).catch((error: unknown) => {
				throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
			});
			return checkedPlayground(value, where);
		},
	};
}

/** One lab as compiled into a bundle: its definition and, when it has one, its playground. */
export interface BundledLab {
	checks: unknown;
	playground?: unknown;
}

/** Labs given as values, for a bundle. */
export function staticLabSource(labs: readonly BundledLab[]): LabSource {
	const byId = new Map<string, BundledLab>();
	for (const lab of labs) {
		const id = (lab.checks as { id?: unknown } | undefined)?.id;
		if (typeof id === 'string') byId.set(id, lab);
	}
	return {
		list: () => [...byId.keys()].sort(),
		load: (id) => {
			const lab = byId.get(id);
			return Promise.resolve(lab ? validLab(lab.checks, id, `labs/${id}/checks.ts`) : undefined);
		},
		playground: (id) => {
			const value = byId.get(id)?.playground;
			const where = `labs/${id}/playground.ts`;
			return Promise.resolve(value === undefined ? undefined : checkedPlayground(value, where));
		},
	};
}

function validLab(value: unknown, id: string, file: string): LabDefinition {
	const lab = value as Partial<LabDefinition> | undefined;
	if (
		!lab ||
		typeof lab !== 'object' ||
		!Array.isArray(lab.checks) ||
		typeof lab.entry !== 'string'
	) {
		throw new Error(`${file} must default-export defineLab({ id, title, entry, checks }).`);
	}
	if (lab.id !== id) {
		throw new Error(
			`${file} declares id "${String(lab.id)}"; it must be "${id}", its folder's name.`,
		);
	}
	return lab as LabDefinition;
}
