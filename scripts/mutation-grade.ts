// Stryker's command test runner calls this once per mutant, in its sandbox: it grades the lab's
// mutated solution and exits 0 when every check passed (the mutant survived) or 1 when one failed
// (the grader caught the mutant). Usage: node scripts/mutation-grade.ts <lab-id>
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labsDir } from '../src/labs/index.ts';

const lab = process.argv[2];
if (!lab) {
	console.error('Usage: node scripts/mutation-grade.ts <lab-id>');
	process.exit(2);
}

// The harness passes only a few environment variables to the learner's program, so the mutant
// Stryker chose would never reach it. Each of the solution's files therefore names the active
// mutant itself, before any of its own code runs, in a copy that Stryker's sandbox keeps clean.
const active = process.env.__STRYKER_ACTIVE_MUTANT__;
const copy = mkdtempSync(join(tmpdir(), `mutation-${lab}-`));
try {
	cpSync(join(labsDir, lab, 'solution'), copy, { recursive: true });
	if (active !== undefined) {
		const line = `globalThis.__stryker__ = Object.assign(globalThis.__stryker__ ?? {}, { activeMutant: ${JSON.stringify(active)} });\n`;
		for (const file of readdirSync(copy, { recursive: true, encoding: 'utf8' })) {
			if (!file.endsWith('.js')) continue;
			writeFileSync(join(copy, file), line + readFileSync(join(copy, file), 'utf8'));
		}
	}
	const graded = spawnSync(process.execPath, ['src/grader/cli.ts', lab, copy], {
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	process.exitCode = graded.status === 0 ? 0 : 1;
} finally {
	rmSync(copy, { recursive: true, force: true });
}
