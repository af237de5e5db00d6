// Runs every lab's solution many times in a row with fresh seeds and reports each run that did not
// pass, with its seed and failing checks, to find flaky checks before learners do.
// Usage: npm run stress [-- --runs 20 --lab round-robin]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLab } from '../src/harness/index.ts';
import { discoverLabs } from '../tests/labs/discover.ts';

const { values } = parseArgs({
	options: { runs: { type: 'string', default: '20' }, lab: { type: 'string', multiple: true } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
	console.error(`--runs needs a whole number of at least 1, got ${values.runs}`);
	process.exit(2);
}
const labs = (await discoverLabs()).filter(({ lab }) => !values.lab || values.lab.includes(lab.id));
if (labs.length === 0) {
	console.error(`No lab matches ${values.lab?.join(', ') ?? 'labs/*/checks.ts'}.`);
	process.exit(2);
}

let bad = 0;
for (const { lab, folder } of labs) {
	const started = Date.now();
	let passed = 0;
	for (let i = 1; i <= runs; i++) {
		const result = await runLab(lab, { folder: join(folder, 'solution') });
		if (result.passed) {
			passed++;
			continue;
		}
		bad++;
		console.log(`${lab.id} run ${i}: FAILED with seed ${result.seed}`);
		for (const check of result.checks.filter((c) => c.status === 'fail')) {
			console.log(`  ${check.id}: ${check.message ?? ''}`);
		}
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(`${lab.id}: ${passed}/${runs} runs passed (${seconds} s)`);
}
console.log(
	bad === 0
		? 'every run passed'
		: `${bad} runs failed; replay one with npm run grade -- <lab> labs/<lab>/solution --seed N`,
);
process.exit(bad === 0 ? 0 : 1);
