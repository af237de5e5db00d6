// Where the course is, where its labs are (src/labs/ finds them), and where the person typed the
// command: npm runs every script from the project's root, and passes the folder it was started in
// as INIT_CWD.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderLabSource } from '../labs/index.ts';

export const courseRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const labSource = folderLabSource();

/** The folder the command was typed in. */
export function userCwd(): string {
	return process.env['INIT_CWD'] ?? process.cwd();
}

/** A path as the user would type it from where they are. */
export function shown(path: string): string {
	const near = relative(userCwd(), path);
	return near === '' ? '.' : near.startsWith('..') ? path : near;
}

/** True when `folder` is missing or holds nothing. */
export function isEmptyFolder(folder: string): boolean {
	return !existsSync(folder) || readdirSync(folder).length === 0;
}

/** The line that names an unknown lab and the known ones. */
export function unknownLab(id: string): string {
	return `Unknown lab "${id}". Known labs: ${labSource.list().join(', ') || '(none)'}`;
}
