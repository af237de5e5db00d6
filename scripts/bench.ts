// Runs every benchmark and prints their figures: the site's page weights and build time, each
// lab's check-suite time, the workspace in chromium, the in-browser session under WebContainer-like
// limits, a class's batch, and what the sandbox costs the local runtime. Targets
// are printed beside the figures; a benchmark never fails the build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const parts = [
	'scripts/bench/site.ts',
	'scripts/bench/labs.ts',
	'scripts/bench/workspace.ts',
	'scripts/bench/session.ts',
	'scripts/bench/batch.ts',
	'scripts/bench/runtime.ts',
];
let status = 0;
for (const part of parts.filter((file) => existsSync(file))) {
	console.log(`\n### ${part}`);
	const result = spawnSync(process.execPath, [part], { stdio: 'inherit' });
	if (result.status !== 0) status = 1;
}
process.exit(status);
