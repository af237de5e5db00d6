import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Playground } from '../../harness/define-playground.ts';
import { folderLabSource, labsDir } from '../../labs/index.ts';
import { parseHints } from './hints.ts';
import { isEditablePath, type LabBundle, type LabFile } from '../../shared/lab-bundle.ts';

// Reads a lab folder at build time into what the workspace needs. A lab that is still being
// written (no starter, no README) loads with what it has, so a lesson can embed it early.

/** Every text file under `dir`, by forward-slash path relative to it, skipping installed packages. */
function readTree(dir: string): Record<string, string> {
	if (!existsSync(dir)) return {};
	const files: Record<string, string> = {};
	const entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
	for (const entry of entries.sort()) {
		if (entry.split(sep).includes('node_modules')) continue;
		const full = join(dir, entry);
		if (!statSync(full).isFile()) continue;
		files[relative(dir, full).split(sep).join('/')] = readFileSync(full, 'utf8');
	}
	return files;
}

/** The first `# ` heading and the first paragraph after it, as plain text. */
function readmeParts(readme: string): { title?: string; summary: string } {
	const lines = readme.replace(/\r\n/g, '\n').split('\n');
	const heading = lines.findIndex((line) => line.startsWith('# '));
	const title = heading === -1 ? undefined : (lines[heading] ?? '').slice(2).trim();
	const rest = lines.slice(heading + 1);
	const start = rest.findIndex((line) => line.trim() !== '' && !/^[#>|`-]/.test(line.trim()));
	const paragraph: string[] = [];
	for (const line of start === -1 ? [] : rest.slice(start)) {
		if (line.trim() === '') break;
		paragraph.push(line.trim());
	}
	const summary = paragraph
		.join(' ')
		.replace(/`([^`]+)`/g, '$1')
		.replace(/\*\*([^*]+)\*\*/g, '$1')
		.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
	return title === undefined ? { summary } : { title, summary };
}

/** A lab whose playground gives the program an `API_TOKEN` gets a console that already sends it. */
function requestHeaders(playground: Playground | undefined): string {
	const token = playground?.env([])['API_TOKEN'];
	return token ? `Authorization: Bearer ${token}` : '';
}

/** Loads `labs/<id>/` for the workspace, its playground (`labs/<id>/playground.ts`) included. */
export async function loadLab(id: string): Promise<LabBundle> {
	const root = join(labsDir, id);
	const playground = await folderLabSource().playground(id);
	const readmePath = join(root, 'README.md');
	const hintsPath = join(root, 'hints.md');
	const readme = existsSync(readmePath) ? readmeParts(readFileSync(readmePath, 'utf8')) : undefined;
	const files: LabFile[] = Object.entries(readTree(join(root, 'starter')))
		.map(([path, content]) => ({ path, content, readOnly: !isEditablePath(path) }))
		.sort((a, b) => Number(a.readOnly) - Number(b.readOnly));
	return {
		id,
		title: readme?.title ?? id,
		summary: readme?.summary ?? '',
		files,
		solution: readTree(join(root, 'solution')),
		hints: existsSync(hintsPath) ? parseHints(readFileSync(hintsPath, 'utf8')) : [],
		backends: playground?.companions ?? [],
		requestHeaders: requestHeaders(playground),
	};
}
