// The session's side of the file-system channel: the page writes a command's data under
// `inbox/<n>/` with the container's file-system API and then types `do <n>`. Reading it back here
// goes through the same checks as a command that arrives over HTTP, so a file the page wrote can
// never say more than a JSON command could.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathProblem } from './lab-folder.ts';
import { parseCommand, type ParsedCommand } from './parse-command.ts';
import type { LabFiles } from '../shared/protocol.ts';
import { INBOX } from '../shared/wire.ts';

/** More than any lab's handful of files; past it the page is not writing a lab. */
const MAX_FILES = 64;

/** Reads and checks command `n` from `<base>/inbox/<n>/`, then removes it, so the inbox holds only
 * commands not yet carried out. */
export async function readInboxCommand(base: string, n: number): Promise<ParsedCommand> {
	const folder = join(base, INBOX, String(n));
	try {
		let text: string;
		try {
			text = await readFile(join(folder, 'command.json'), 'utf8');
		} catch {
			return {
				ok: false,
				error: `Command ${n} has no ${INBOX}/${n}/command.json: write it before typing "do ${n}"`,
			};
		}
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			return { ok: false, error: `${INBOX}/${n}/command.json is not valid JSON` };
		}
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
			const type = (value as Record<string, unknown>)['type'];
			if (type === 'run' || type === 'check') {
				value = { ...value, files: await readFiles(join(folder, 'files')) };
			}
		}
		return parseCommand(value);
	} finally {
		await rm(folder, { recursive: true, force: true });
	}
}

/** Every file under `folder`, by its path relative to it with `/` between folders. */
async function readFiles(folder: string): Promise<LabFiles> {
	const files: LabFiles = {};
	const walk = async (relative: string): Promise<void> => {
		const entries = await readdir(join(folder, relative), { withFileTypes: true }).catch(() => []);
		for (const entry of entries) {
			const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
			const problem = pathProblem(name);
			if (problem) throw new Error(`File "${name}" ${problem}.`);
			if (entry.isDirectory()) await walk(name);
			else if (entry.isFile()) {
				if (Object.keys(files).length >= MAX_FILES)
					throw new Error(`Too many files; at most ${MAX_FILES}.`);
				files[name] = await readFile(join(folder, name), 'utf8');
			}
		}
	};
	await walk('');
	return files;
}
