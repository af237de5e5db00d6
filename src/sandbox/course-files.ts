// What of the course a sandbox may read: Node, the harness and grader code that run the checks, and
// the one lab's checks (with the checks of other labs it imports). A lab's solution, variants,
// fixtures and starter stay outside, so a submission cannot import the answer it is judged against.
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
	for (const part of ['harness', 'grader', 'sandbox']) {
		binds.push({ from: join(root, 'src', part), to: `${COURSE}/src/${part}` });
	}
	for (const id of labsNeeded(lab, labsDir)) {
		for (const name of ['checks.ts', 'checks']) {
			const from = join(labsDir, id, name);
			// Another lab is needed only for its checks/ folder; its checks.ts stays out of sight.
			if (existsSync(from) && (id === lab || name === 'checks')) {
				binds.push({ from, to: `${COURSE}/labs/${id}/${name}` });
			}
		}
	}
	return binds;
}

/** The lab and every lab whose checks it imports (`../round-robin/checks/...`), transitively. */
function labsNeeded(lab: string, labsDir: string): string[] {
	const needed = new Set([lab]);
	const queue = [lab];
	// Bounded by the number of labs: each is queued at most once.
	while (queue.length > 0) {
		const id = queue.shift() as string;
		for (const file of checkFiles(join(labsDir, id))) {
			for (const [, other = ''] of readFileSync(file, 'utf8').matchAll(/\.\.\/([\w-]+)\/checks\//g)) {
				if (!needed.has(other) && existsSync(join(labsDir, other, 'checks'))) {
					needed.add(other);
					queue.push(other);
				}
			}
		}
	}
	return [...needed];
}

function checkFiles(folder: string): string[] {
	const files = existsSync(join(folder, 'checks.ts')) ? [join(folder, 'checks.ts')] : [];
	const walk = (dir: string) => {
		if (!existsSync(dir)) return;
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(join(dir, entry.name));
			else if (entry.name.endsWith('.ts')) files.push(join(dir, entry.name));
		}
	};
	walk(join(folder, 'checks'));
	return files;
}
