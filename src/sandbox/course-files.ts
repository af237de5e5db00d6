// What of the course a sandbox may read: Node, the harness, grader and lab-loading code that run
// the checks (with src/shared/, the event shapes and helpers the harness shares with the page),
// and the one lab's check code (checks.ts, checks/, support/) with the shared folders under labs/
// that it imports. A lab's solution, variants, fixtures and starter stay outside, so a submission
// cannot import the answer it is judged against.
import {
	existsSync,
	lstatSync,
	readdirSync,
	readFileSync,
	readlinkSync,
	realpathSync,
	statSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The course's root folder, found from this file (src/sandbox/), so it holds from the bundle too. */
export const courseRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the course appears inside the sandbox, and where Node does. */
export const COURSE = '/course';
export const NODE = '/opt/node/bin/node';

/** One read-only bind: a path outside and where it appears inside. */
export interface Bind {
	from: string;
	to: string;
}

/** The system's programs and libraries, read-only: Node links against libc and libstdc++ there, and
 * prlimit runs from it. Merged-/usr systems have /lib and /bin as links, which stay links. */
export function systemBinds(): { binds: Bind[]; links: Bind[] } {
	const binds: Bind[] = [{ from: '/usr', to: '/usr' }];
	const links: Bind[] = [];
	for (const top of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
		const stats = lstatSync(top, { throwIfNoEntry: false });
		if (stats?.isSymbolicLink()) links.push({ from: readlinkSync(top), to: top });
		else if (stats?.isDirectory()) binds.push({ from: top, to: top });
	}
	return { binds, links };
}

/** The course files the harness needs to run `lab` inside the sandbox. */
export function courseBinds(lab: string, root = courseRoot, labsDir = join(root, 'labs')): Bind[] {
	const binds: Bind[] = [
		{ from: realpathSync(process.execPath), to: NODE },
		{ from: join(root, 'package.json'), to: `${COURSE}/package.json` },
	];
	for (const part of ['harness', 'grader', 'labs', 'sandbox', 'shared']) {
		binds.push({ from: join(root, 'src', part), to: `${COURSE}/src/${part}` });
	}
	for (const path of checkCode(lab, labsDir)) {
		binds.push({ from: join(labsDir, path), to: `${COURSE}/labs/${path}` });
	}
	return binds;
}

/** The lab's own check code and the shared folders it imports, as paths under `labsDir`. */
function checkCode(lab: string, labsDir: string): string[] {
	const own = [`${lab}/checks.ts`, `${lab}/checks`, `${lab}/support`];
	const paths = new Set(own.filter((path) => existsSync(join(labsDir, path))));
	const queue = [...paths];
	// Bounded by the folders under labs/: each is queued at most once.
	while (queue.length > 0) {
		for (const file of tsFiles(join(labsDir, queue.shift() as string))) {
			for (const [, spec = ''] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
				const folder = importedFolder(labsDir, resolve(dirname(file), spec));
				if (folder && !paths.has(folder) && !PROGRAMS.has(basename(folder))) {
					paths.add(folder);
					queue.push(folder);
				}
			}
		}
	}
	return [...paths];
}

/** Folders of learner programs, which a submission must never see, whatever imports them. */
const PROGRAMS = new Set(['starter', 'solution', 'variants', 'fixtures']);

/** The folder two levels under `labsDir` (`shared/balancer`) that holds `file`, if it is there. */
function importedFolder(labsDir: string, file: string): string | undefined {
	const parts = relative(labsDir, file).split(sep);
	if (parts[0] === '..' || isAbsolute(relative(labsDir, file)) || parts.length < 3)
		return undefined;
	return `${parts[0]}/${parts[1]}`;
}

/** Every `.ts` file at `path`: the file itself, or those anywhere in the folder. */
function tsFiles(path: string): string[] {
	if (!existsSync(path)) return [];
	if (!statSync(path).isDirectory()) return path.endsWith('.ts') ? [path] : [];
	return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
		tsFiles(join(path, entry.name)),
	);
}
