// The sandbox half of `npm run fixtures:record -- --check --sandbox`. Issue 12 asks that every lab's
// solution, variants and fixtures are judged inside the sandbox exactly as outside it; CI has time
// for two labs only (tests/sandbox/labs.test.ts), so this sweeps them all on demand. The fixtures go
// through the recorder's own comparison; what is here grades the programs that carry no pinned
// message (solution, variants, starter) and tallies each lab.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { deadlineFor } from '../../src/harness/deadline.ts';
import type { RunResult } from '../../src/harness/index.ts';
import { normaliseMessage } from '../../src/harness/message-normalise.ts';
import { FIXTURE_MESSAGE_SEED, type LabRunner } from '../../src/labs/fixture-messages.ts';
import type { DiscoveredLab } from '../../src/labs/index.ts';
import { sandboxSupport } from '../../src/sandbox/probe.ts';
import { runLabSandboxed } from '../../src/sandbox/run-lab.ts';

/** A runner that grades each program in a sandbox of its own, as `grade --sandbox` and a batch do,
 * with the batch's default deadline; or why the sandbox cannot start on this machine. */
export function sandboxRunner(): { run: LabRunner } | { why: string } {
	const support = sandboxSupport();
	if (!support.ok) return { why: support.why };
	return {
		run: (lab, { folder, seed, only }) =>
			runLabSandboxed(lab, {
				support,
				folder,
				seed,
				deadlineMs: deadlineFor(lab),
				...(only ? { only } : {}),
			}),
	};
}

/** The messages the sandbox writes for checks it never heard back about (src/sandbox/run-lab.ts).
 * A starter that fails only with these failed because its sandbox broke, which says nothing about
 * whether the harness judges it as before. */
const SANDBOX_ENDED =
	/^(The sandbox ended|The sandbox reported more than|Grading stopped at the|The run was stopped before)/;

export interface ProgramVerdict {
	/** `solution`, `variant <name>` or `starter`. */
	name: string;
	ok: boolean;
	/** What the run did, for the report. */
	said: string;
}

/** The run's time scale; capped means the machine ran slower than limits may stretch, so a timing
 * failure may be the machine's (docs/grading.md, On a slow or busy machine). */
function scale(result: RunResult): string {
	return `time scale ${result.timeScale.factor}×${result.timeScale.capped ? ', capped' : ''}`;
}

function failed(result: RunResult): string {
	const list = result.checks.filter((check) => check.status === 'fail');
	return list.map((check) => `${check.id}: ${normaliseMessage(check.message ?? '')}`).join('; ');
}

/** Grades the lab's solution and variants, which must pass every check, and its starter, which
 * must fail at least one check by its own fault. All with the fixtures' fixed seed, so a verdict
 * that differs from the plain harness can be replayed (`grade --seed 16`). */
export async function gradePrograms(
	found: DiscoveredLab,
	run: LabRunner,
	log: (line: string) => void,
): Promise<ProgramVerdict[]> {
	const { lab, folder } = found;
	const seed = FIXTURE_MESSAGE_SEED;
	const passing = [
		{ name: 'solution', folder: join(folder, 'solution') },
		...found.variants.map((variant) => ({
			name: `variant ${variant.name}`,
			folder: variant.folder,
		})),
	];
	const verdicts: ProgramVerdict[] = [];
	for (const program of passing) {
		const result = await run(lab, { folder: program.folder, seed });
		const ok = result.passed && result.checks.every((check) => check.status === 'pass');
		const said = ok ? `passes all ${result.checks.length} checks` : `failed: ${failed(result)}`;
		verdicts.push({ name: program.name, ok, said });
		log(`labs/${lab.id} ${program.name}: ${said} (${scale(result)})`);
	}
	const starter = join(folder, 'starter');
	if (existsSync(starter)) {
		const result = await run(lab, { folder: starter, seed });
		const fails = result.checks.filter((check) => check.status === 'fail');
		const own = fails.filter((check) => !SANDBOX_ENDED.test(check.message ?? ''));
		const ok = !result.passed && own.length > 0;
		const said = result.passed
			? 'passes every check; it should leave work to do'
			: own.length === 0
				? `failed only because its sandbox ended: ${failed(result)}`
				: `fails ${fails.length} of ${result.checks.length} checks`;
		verdicts.push({ name: 'starter', ok, said });
		log(`labs/${lab.id} starter: ${said} (${scale(result)})`);
	}
	return verdicts;
}

/** One line per lab: its programs' verdicts and how many of its fixtures kept their message. */
export function labLine(
	id: string,
	programs: ProgramVerdict[] | undefined,
	fixtures: { same: number; differ: number },
): string {
	const parts: string[] = [];
	if (programs) {
		const solution = programs.find((p) => p.name === 'solution');
		const variants = programs.filter((p) => p.name.startsWith('variant '));
		const starter = programs.find((p) => p.name === 'starter');
		if (solution) parts.push(`solution ${solution.ok ? 'passes' : 'FAILS'}`);
		parts.push(`variants ${variants.filter((p) => p.ok).length}/${variants.length} pass`);
		parts.push(`starter ${starter ? (starter.ok ? 'fails' : 'WRONG') : 'none'}`);
	}
	parts.push(`fixtures ${fixtures.same} same, ${fixtures.differ} differ`);
	return `${id}: ${parts.join('; ')}`;
}
