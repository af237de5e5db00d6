// Records each fixture's failure message, normalised, into its FIXTURE.json ("expectedMessage"),
// which tests/labs/labs.test.ts then compares on every run. Run it after changing a check's message
// on purpose, or when a new lab or fixture arrives; read the printed changes before committing.
// A recorded message that still matches is left alone, so parts marked <varies> by hand stay so.
// --check compares without writing (exit 1 on a difference); --load N runs N busy loops per core
// beside it, to see whether a message depends on how busy the machine is. --check --sandbox judges
// every program in the sandbox instead and holds it to the same messages (issue 12: judged exactly as
// before inside it), and grades each named lab's solution, variants and starter there too.
// Usage: npm run fixtures:record [-- [--check [--sandbox]] [--load N] [<lab> | <lab>/<fixture>]...]
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { discoverLabs } from '../src/labs/index.ts';
import { normaliseMessage } from '../src/harness/message-normalise.ts';
import {
	messageMismatch,
	readExpectedMessage,
	runFixture,
	VARIES,
	writeExpectedMessage,
} from '../src/labs/fixture-messages.ts';
import { startBusyLoad } from './lib/busy-load.ts';
import { gradePrograms, labLine, sandboxRunner, type ProgramVerdict } from './lib/sandbox-sweep.ts';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		check: { type: 'boolean', default: false },
		load: { type: 'string', default: '0' },
		sandbox: { type: 'boolean', default: false },
	},
});
// Messages are recorded outside the sandbox, where the lab test compares them; the sandbox is only
// held to them, so a sandboxed run that differed must never overwrite what the test expects.
if (values.sandbox && !values.check) {
	console.error('--sandbox only compares: use it with --check (messages are recorded outside it).');
	process.exit(2);
}
const sandbox = values.sandbox ? sandboxRunner() : undefined;
if (sandbox && 'why' in sandbox) {
	console.error(`--sandbox: the sandbox cannot start here: ${sandbox.why}`);
	process.exit(2);
}
const run = sandbox?.run;
const load = Number(values.load);
if (!Number.isFinite(load) || load < 0 || load > 8) {
	console.error(`--load needs a number of busy loops per core from 0 to 8, got ${values.load}`);
	process.exit(2);
}

const wanted = (lab: string, fixture: string) =>
	positionals.length === 0 ||
	positionals.some((name) => name === lab || name === `${lab}/${fixture}`);
const discovered = await discoverLabs();
const jobs = discovered.flatMap(({ lab, fixtures }) =>
	fixtures.filter((fixture) => wanted(lab.id, fixture.name)).map((fixture) => ({ lab, fixture })),
);
if (jobs.length === 0) {
	console.error(`No fixture matches ${positionals.join(', ')}; name a lab id or <lab>/<fixture>.`);
	process.exit(2);
}

/** A message that says less than this many letters once masked tells a learner nothing. */
const MEANINGFUL_LETTERS = 20;

const busy = startBusyLoad(load);
const stopLoad = () => void busy.stop().then(() => process.exit(130));
process.once('SIGINT', stopLoad);
process.once('SIGTERM', stopLoad);
if (busy.count > 0) console.log(`${busy.count} busy loops run beside the grader.`);

const counts = { recorded: 0, changed: 0, unchanged: 0, problems: 0 };
/** Per lab, for the sandbox's closing table. */
const tally = new Map<string, { same: number; differ: number }>();
const count = (lab: string, key: 'same' | 'differ') => {
	const entry = tally.get(lab) ?? { same: 0, differ: 0 };
	entry[key]++;
	tally.set(lab, entry);
};
const programs = new Map<string, ProgramVerdict[]>();
const started = Date.now();
if (run) console.log('Judging every program inside the sandbox, one sandbox each.');
try {
	for (const { lab, fixture } of jobs) {
		const where = relative(process.cwd(), fixture.folder);
		const { result, check } = await runFixture(lab, fixture, run);
		const message = check?.message ?? '';
		const normalised = normaliseMessage(message);
		const scale = `time scale ${result.timeScale.factor}×`;
		if (check?.status !== 'fail' || message.startsWith('grader error')) {
			counts.problems++;
			count(lab.id, 'differ');
			const status = check?.status ?? 'not run';
			console.log(
				`${where}: ${fixture.failsCheck} did not fail it (${status}, ${scale}): ${message}`,
			);
			continue;
		}
		const letters = normalised.replace(/<[^>]*>/g, '').replace(/[^A-Za-z]/g, '').length;
		if (letters < MEANINGFUL_LETTERS) {
			counts.problems++;
			count(lab.id, 'differ');
			console.log(`${where}: the message says too little to pin: "${normalised}"`);
			continue;
		}
		const expected = readExpectedMessage(fixture);
		const mismatch = messageMismatch(lab.id, fixture, expected, message);
		if (!mismatch) {
			// A message that still matches is kept as it is, with any <varies> its author wrote.
			counts.unchanged++;
			count(lab.id, 'same');
			console.log(`${where}: same (${scale})`);
		} else if (values.check) {
			counts.problems++;
			count(lab.id, 'differ');
			console.log(`${mismatch}\n  (${scale})`);
		} else if (expected === undefined) {
			writeExpectedMessage(fixture, normalised);
			counts.recorded++;
			console.log(`${where}: recorded\n  ${normalised}`);
		} else {
			writeExpectedMessage(fixture, normalised);
			counts.changed++;
			const marks = expected.includes(VARIES)
				? `; the old one had ${VARIES}: mark again what still varies`
				: '';
			console.log(`${where}: changed${marks}\n  was: ${expected}\n  now: ${normalised}`);
		}
	}
	// A lab named whole (or every lab) has its other programs graded too; one named by a fixture
	// alone does not, so a quick look at one fixture stays quick.
	for (const found of discovered) {
		if (!run || (positionals.length > 0 && !positionals.includes(found.lab.id))) continue;
		programs.set(found.lab.id, await gradePrograms(found, run, (line) => console.log(line)));
	}
} finally {
	await busy.stop();
}

const summary = values.check
	? `${counts.unchanged} same, ${counts.problems} differ or did not fail`
	: `${counts.recorded} recorded, ${counts.changed} changed, ${counts.unchanged} same, ` +
		`${counts.problems} not recorded`;
console.log(`${jobs.length} fixtures: ${summary}.`);
const wrongPrograms = [...programs.values()].flat().filter((verdict) => !verdict.ok);
if (run) {
	const ids = [...new Set([...tally.keys(), ...programs.keys()])];
	for (const id of ids)
		console.log(labLine(id, programs.get(id), tally.get(id) ?? { same: 0, differ: 0 }));
	const graded = [...programs.values()].flat().length;
	const seconds = Math.round((Date.now() - started) / 1000);
	console.log(
		`In the sandbox: ${jobs.length + graded} programs (${jobs.length} fixtures, ${graded} others), ` +
			`${counts.unchanged + graded - wrongPrograms.length} judged as outside, in ${seconds} s.`,
	);
}
process.exitCode = counts.problems > 0 || wrongPrograms.length > 0 ? 1 : 0;
