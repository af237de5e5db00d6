// Mutation testing of the graders: StrykerJS mutates a lab's solution/ one change at a time and
// grades each mutant with the lab's checks (scripts/mutation-grade.ts). A surviving mutant is a
// wrong program the grader passes, unless the lab's MUTANTS.md records it as equivalent: behaviour
// the contract allows. Slow and CPU-heavy, so labs run one after another and never in `npm test`.
// Usage: npm run mutation [-- <lab-id> ...]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import type { MutantResult } from '@stryker-mutator/api/core';
import { labsDir, listLabs } from '../src/labs/index.ts';

const all = listLabs();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((lab) => !all.includes(lab));
if (unknown.length > 0) {
	console.error(`No lab called ${unknown.join(', ')}; labs are ${all.join(', ')}`);
	process.exit(2);
}

/** Where a mutant is and what it does, as MUTANTS.md names it: `lb.js:42:7 ConditionalExpression`. */
function mutantKey(mutant: MutantResult): string {
	const file = mutant.fileName.split(/[\\/]/).at(-1) ?? mutant.fileName;
	// Stryker's report counts lines and columns from 1.
	return `${file}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.mutatorName}`;
}

/** The keys MUTANTS.md lists in paragraphs or list items that call the mutant equivalent. */
function equivalents(lab: string): Set<string> {
	const path = join(labsDir, lab, 'MUTANTS.md');
	if (!existsSync(path)) return new Set();
	const keys = new Set<string>();
	for (const text of readFileSync(path, 'utf8').split(/\n(?=- )|\n\s*\n/)) {
		// Wrapped lines may break a key or "are equivalent" in two.
		const block = text.replace(/\s+/g, ' ');
		if (!/is equivalent|are equivalent/i.test(block)) continue;
		for (const match of block.matchAll(/`([\w.-]+:\d+:\d+ \w+)`/g)) keys.add(match[1] ?? '');
	}
	return keys;
}

const scores: string[] = [];
for (const lab of wanted.length > 0 ? wanted : all) {
	const stryker = new Stryker({
		mutate: [`labs/${lab}/solution/**/*.js`],
		testRunner: 'command',
		commandRunner: { command: `node_modules/.bin/node scripts/mutation-grade.ts ${lab}` },
		// Each grade already runs several checks at once; two at a time would crowd two cores and
		// turn slow answers into false kills.
		concurrency: 1,
		// Only what grading needs is copied into Stryker's sandbox; node_modules is linked.
		ignorePatterns: ['/*', '!/src', '!/labs', '!/scripts', '!/package.json', '!/tsconfig.json'],
		tempDirName: '.tmp/stryker',
		disableTypeChecks: false,
		timeoutMS: 60_000,
		reporters: ['clear-text', 'json'],
		jsonReporter: { fileName: `.tmp/mutation/${lab}.json` },
		clearTextReporter: { allowColor: false, logTests: false },
	});
	const results = await stryker.runMutationTest();
	const equivalent = equivalents(lab);
	const caught = results.filter((m) => m.status === 'Killed' || m.status === 'Timeout');
	const survived = results.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
	const explained = survived.filter((m) => equivalent.has(mutantKey(m)));
	const unexplained = survived.filter((m) => !equivalent.has(mutantKey(m)));
	const judged = caught.length + unexplained.length;
	const score = judged === 0 ? 100 : (100 * caught.length) / judged;
	for (const mutant of unexplained) {
		console.log(`${lab}: survived ${mutantKey(mutant)} → ${mutant.replacement ?? ''}`);
	}
	scores.push(
		`${lab}: ${score.toFixed(1)} % of non-equivalent mutants killed (${caught.length} killed, ${unexplained.length} survived, ${explained.length} equivalent in MUTANTS.md, ${results.length} in all)`,
	);
}
console.log(scores.join('\n'));
