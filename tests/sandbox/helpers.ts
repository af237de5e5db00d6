// Shared pieces of the sandbox tests: hostile submissions written into a scratch folder, graded by
// the real grader in real bubblewrap sandboxes, and a look at /proc for anything they left running.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../grader/helpers.ts';

export const cli = join(root, 'src', 'grader', 'cli.ts');

/** Writes an ES-module program as `file` of a new folder and returns the folder. */
export function program(folder: string, source: string, file = 'server.js'): string {
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
	writeFileSync(join(folder, file), source);
	return folder;
}

/** The pids of processes whose command line holds `marker`, this test's own excepted. */
export function processesWith(marker: string): number[] {
	const found: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
		try {
			if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) found.push(Number(name));
		} catch {
			// Ended meanwhile, or not ours to read.
		}
	}
	return found;
}

/** The grader's JSON report, parsed; fails the test with the output when there is none. */
export function report(
	stdout: string,
	stderr: string,
): {
	passed: boolean;
	checks: { id: string; status: string; message?: string }[];
} {
	try {
		return JSON.parse(stdout) as ReturnType<typeof report>;
	} catch {
		throw new Error(`no JSON report; stdout:\n${stdout}\nstderr:\n${stderr}`);
	}
}

/** The one check a test ran with --only. */
export function ranCheck(stdout: string, stderr: string, id: string) {
	const check = report(stdout, stderr).checks.find((c) => c.id === id);
	if (!check) throw new Error(`no check ${id} in the report:\n${stdout}`);
	return check;
}
