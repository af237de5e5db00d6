// A lab's playground as its folder gives it: checked when it is loaded, so that a broken one names
// its file, and an empty one for a lab that has none.
import { existsSync } from 'node:fs';
import { definePlayground, type Playground } from '../harness/define-playground.ts';
import { labPlaygroundPath } from './find.ts';

/** What a lab without a `playground.ts` runs against: nothing but its own folder. */
export const NO_PLAYGROUND: Playground = { files: {}, companions: [], env: () => ({}) };

/** Whether lab `id` under `dir` has a `playground.ts`. */
export function playgroundFile(id: string, dir: string): boolean {
	return existsSync(labPlaygroundPath(id, dir));
}

/** The playground `value` if it is one, else an error that names `where` and the fix. A value
 * made by `definePlayground` passes again here; a plain object gets the same checks. */
export function checkedPlayground(value: unknown, where: string): Playground {
	const playground = value as Partial<Playground> | undefined;
	if (
		!playground ||
		typeof playground !== 'object' ||
		!Array.isArray(playground.companions) ||
		typeof playground.env !== 'function'
	) {
		throw new Error(`${where} must default-export definePlayground({ files, companions, env }).`);
	}
	try {
		return definePlayground(playground as Playground);
	} catch (error) {
		throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
	}
}
