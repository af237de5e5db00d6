// Each fixture's failure message, pinned: a fixture must not only fail the check its FIXTURE.json
// names, it must fail it with the message recorded there, so a message that regresses to something
// useless ("failed", a grader error, a bare status) fails a test instead of going unnoticed. The
// lab test and the recorder both judge a fixture through `runFixture`, so what is recorded is
// exactly what is compared.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { normaliseMessage } from '../harness/message-normalise.ts';
import { runLab, type CheckEnd, type RunResult } from '../harness/runner.ts';
import type { LabDefinition } from '../harness/types.ts';

/** Every fixture is judged with this seed, when recorded and when compared, so the checks' random
 * data (paths, ids, bodies, which backend fails) is the same every run and needs no masking. */
export const FIXTURE_MESSAGE_SEED = 16;

/** The command that records the messages again after an intended change. */
export const RECORD_COMMAND = 'npm run fixtures:record';

/** The field of FIXTURE.json that holds the normalised message. */
export const MESSAGE_FIELD = 'expectedMessage';

/** Written by hand into a recorded message where a part depends on timing that no rule can mask
 * in general (which of several concurrent requests saw a crash first, how many health checks a
 * program without an interval managed to send); it matches any text there. */
export const VARIES = '<varies>';

export interface FixtureRef {
	/** The fixture's folder, which holds its FIXTURE.json. */
	folder: string;
	name: string;
	failsCheck: string;
}

export interface FixtureRun {
	result: RunResult;
	/** The named check's end, or undefined when the run never reached it. */
	check: CheckEnd | undefined;
}

/** What judges a program: the plain harness by default. The recorder passes one that grades inside
 * the sandbox (`--check --sandbox`), so both are held to the same pinned messages; it is passed in
 * because this layer may not import src/sandbox. */
export type LabRunner = (
	lab: LabDefinition,
	options: { folder: string; seed: number; only?: string[] },
) => Promise<RunResult>;

/** Runs only the check that must catch the fixture, with the fixed seed. */
export async function runFixture(
	lab: LabDefinition,
	fixture: FixtureRef,
	run: LabRunner = runLab,
): Promise<FixtureRun> {
	const result = await run(lab, {
		folder: fixture.folder,
		seed: FIXTURE_MESSAGE_SEED,
		only: [fixture.failsCheck],
	});
	return { result, check: result.checks.find((check) => check.id === fixture.failsCheck) };
}

function fixtureFile(fixture: FixtureRef): string {
	return join(fixture.folder, 'FIXTURE.json');
}

/** The recorded message, or undefined when none was recorded yet. */
export function readExpectedMessage(fixture: FixtureRef): string | undefined {
	const data = JSON.parse(readFileSync(fixtureFile(fixture), 'utf8')) as Record<string, unknown>;
	const message = data[MESSAGE_FIELD];
	return typeof message === 'string' ? message : undefined;
}

/** Writes the message into FIXTURE.json, keeping its other fields and the files' tab layout.
 * Returns false when the file already held this message, so nothing was written. */
export function writeExpectedMessage(fixture: FixtureRef, message: string): boolean {
	const file = fixtureFile(fixture);
	const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
	if (data[MESSAGE_FIELD] === message) return false;
	writeFileSync(file, `${JSON.stringify({ ...data, [MESSAGE_FIELD]: message }, null, '\t')}\n`);
	return true;
}

/** Whether a normalised message is the recorded one, where `<varies>` matches any text. */
export function messageMatches(expected: string, normalised: string): boolean {
	if (!expected.includes(VARIES)) return expected === normalised;
	const parts = expected.split(VARIES).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`^${parts.join('[\\s\\S]+?')}$`).test(normalised);
}

/** The command that records one lab's messages. */
export function recordCommand(labId: string): string {
	return `${RECORD_COMMAND} -- ${labId}`;
}

/** Compares a fixture's actual message with the recorded one. Returns undefined when they agree
 * once normalised, or a report that shows both and how to record the new one. */
export function messageMismatch(
	labId: string,
	fixture: FixtureRef,
	expected: string | undefined,
	actual: string,
): string | undefined {
	const normalised = normaliseMessage(actual);
	const where = `${relativePath(fixtureFile(fixture))} (${fixture.failsCheck})`;
	if (expected === undefined) {
		return [
			`${where} has no recorded message; run ${recordCommand(labId)}.`,
			`  it failed with: ${normalised}`,
		].join('\n');
	}
	if (messageMatches(expected, normalised)) return undefined;
	return [
		`The failure message of ${where} changed.`,
		`  expected: ${expected}`,
		`  actual:   ${normalised}`,
		`If the change is intended, record it again with ${recordCommand(labId)}.`,
	].join('\n');
}

/** Paths in reports are relative to the working folder when they are inside it, as `labs/...`. */
function relativePath(file: string): string {
	const path = relative(process.cwd(), file);
	return path.startsWith('..') ? file : path;
}
