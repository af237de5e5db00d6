// The built site a deploy test serves: DEPLOY_DIST (at the root) or SUB_PATH_DIST (under the
// sub-path) when the caller already has that build, as `npm test` does (it is used as it is and
// never removed), otherwise a fresh `astro build` into a temporary folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SUB_PATH_CONFIG } from '../../support/sub-path.ts';

export interface SiteBuild {
	dir: string;
	remove(): void;
}

export function siteBuild(env: Record<string, string> = {}): SiteBuild {
	const variable = prebuiltVariable(env);
	const given = variable ? process.env[variable] : undefined;
	if (variable && given) {
		if (!existsSync(join(given, 'index.html'))) {
			throw new Error(`${variable}=${given} holds no index.html: build it with "npm run build -- --outDir ${given}".`);
		}
		return { dir: resolve(given), remove() {} };
	}
	const dir = mkdtempSync(join(tmpdir(), 'course-deploy-'));
	const result = buildInto(dir, env);
	if (result.status !== 0) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`astro build failed:\n${result.output}`);
	}
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The variable that names a finished build for these variables, when there is one: DEPLOY_DIST
 * at the root, SUB_PATH_DIST for the sub-path configuration. */
function prebuiltVariable(env: Record<string, string>): string | undefined {
	const keys = Object.keys(env);
	if (keys.length === 0) return 'DEPLOY_DIST';
	if (keys.length === 1 && env['COURSE_CONFIG'] === SUB_PATH_CONFIG) return 'SUB_PATH_DIST';
	return undefined;
}

/** Runs `astro build --outDir dir` with extra environment variables and returns its output. */
export function buildInto(dir: string, env: Record<string, string>): { status: number | null; output: string } {
	const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', dir], {
		env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
		encoding: 'utf8',
		timeout: 180_000,
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
