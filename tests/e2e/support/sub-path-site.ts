import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSiteServer, type SiteServer } from '../../../scripts/serve.ts';
import { SUB_PATH_CONFIG, subPath } from '../../support/sub-path.ts';

// A second build of the course for the sub-path the deployment tests use, served by the same
// server as `npm start`, for browser tests of what must follow the base (links, search, assets).
// The build runs in the background, so the test worker stays responsive while it works. Under
// `npm test` it is already built (SUB_PATH_DIST), since the deployment tests serve it too.

export { subPath };

export interface SubPathSite {
	/** The site's address, ending in the sub-path, such as `http://127.0.0.1:40123/courses/client-server/`. */
	url: string;
	close(): Promise<void>;
}

function build(outDir: string): Promise<void> {
	const child = spawn(
		process.execPath,
		['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir],
		{
			env: { ...process.env, COURSE_CONFIG: SUB_PATH_CONFIG, NO_COLOR: '1', FORCE_COLOR: '0' },
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return new Promise((done, fail) => {
		child.once('error', fail);
		child.once('close', (code) =>
			code === 0 ? done() : fail(new Error(`astro build for ${subPath} failed:\n${output}`)),
		);
	});
}

/** Builds the course under the sub-path into a temporary folder and serves it on a free port. */
export async function startSubPathSite(): Promise<SubPathSite> {
	// `npm test` builds the sub-path site once for this and the deployment tests.
	const given = process.env['SUB_PATH_DIST'];
	if (given) {
		const shared = await createSiteServer({ root: given, port: 0, base: subPath });
		return { url: shared.url, close: () => shared.close() };
	}
	const dir = mkdtempSync(join(tmpdir(), 'course-subpath-'));
	let site: SiteServer;
	try {
		await build(dir);
		site = await createSiteServer({ root: dir, port: 0, base: subPath });
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	return {
		url: site.url,
		async close() {
			await site.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
