import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BuildResult {
	/** The exit code, or null when the build was killed for running too long. */
	code: number | null;
	/** Standard output and error together, without colours. */
	output: string;
	timedOut: boolean;
}

/** Builds the site with `astro build` from a fixture content folder into a temporary folder, which
 * is removed afterwards. The build runs in its own process group so a timeout kills all of it. */
export function buildFixture(
	contentDir: string,
	labsDir: string,
	timeoutMs = 120_000,
): Promise<BuildResult> {
	const outDir = mkdtempSync(join(tmpdir(), 'course-build-'));
	const child = spawn(
		process.execPath,
		['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir],
		{
			env: {
				...process.env,
				COURSE_CONTENT_DIR: contentDir,
				COURSE_LABS_DIR: labsDir,
				NO_COLOR: '1',
				FORCE_COLOR: '0',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		},
	);
	const chunks: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
	}, timeoutMs);
	return new Promise((done, fail) => {
		child.once('error', fail);
		child.once('close', (code) => {
			clearTimeout(timer);
			rmSync(outDir, { recursive: true, force: true });
			done({ code, output: Buffer.concat(chunks).toString('utf8'), timedOut });
		});
	});
}
