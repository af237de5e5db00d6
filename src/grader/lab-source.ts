import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LabDefinition } from '../harness/index.ts';

/** Where the grader finds labs: the `labs/` folder on disk, or a fixed list compiled into the
 * WebContainer bundle, where no TypeScript file can be imported at run time. */
export interface LabSource {
	/** Lab ids, sorted. */
	list(): string[];
	/** The lab, `undefined` for an unknown id; throws if the lab's `checks.ts` is broken. */
	load(id: string): Promise<LabDefinition | undefined>;
}

/** Lab folders under `labsDir`: each `labs/<id>/checks.ts` default-exports `defineLab({...})`. */
export function folderLabSource(labsDir: string): LabSource {
	const list = () =>
		existsSync(labsDir)
			? readdirSync(labsDir, { withFileTypes: true })
					.filter(
						(entry) => entry.isDirectory() && existsSync(join(labsDir, entry.name, 'checks.ts')),
					)
					.map((entry) => entry.name)
					.sort()
			: [];
	return {
		list,
		async load(id) {
			if (!list().includes(id)) return undefined;
			const file = join(labsDir, id, 'checks.ts');
			const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
			return validLab(module.default, id, relative(process.cwd(), file) || file);
		},
	};
}

/** Labs given as values, for the bundle. */
export function staticLabSource(labs: readonly unknown[]): LabSource {
	const byId = new Map<string, unknown>();
	for (const lab of labs) {
		const id = (lab as { id?: unknown } | undefined)?.id;
		if (typeof id === 'string') byId.set(id, lab);
	}
	return {
		list: () => [...byId.keys()].sort(),
		load: (id) =>
			Promise.resolve(
				byId.has(id) ? validLab(byId.get(id), id, `labs/${id}/checks.ts`) : undefined,
			),
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
