// The class the batch benchmark grades, and how it reads the figures: each learner gets one of a
// lab's programs in turn, and every result is compared with what that program deserves.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CsvRow } from '../../src/grader/batch/csv.ts';
import { statFields } from '../../src/harness/proc-stat.ts';
import type { DiscoveredLab } from '../../src/labs/index.ts';

/** What a submission deserves: to pass (a solution or variant), or to fail the check named. */
export interface Deserved {
	name: string;
	failsCheck?: string;
}

/** Copies `learners` submissions per lab into `classDir`: every lab's correct programs first, then
 * its broken ones, dealt out in turn, so the class mixes passing and failing submissions the way a
 * real one does. Returns what each deserves, by `learner/lab`. */
export function dealClass(labs: readonly DiscoveredLab[], learners: number, classDir: string) {
	const deserved = new Map<string, Deserved>();
	for (const { lab, folder, fixtures, variants } of labs) {
		const pool = [
			{ name: 'solution', folder: join(folder, 'solution') },
			...variants.map((v) => ({ name: `variants/${v.name}`, folder: v.folder })),
			...fixtures.map((f) => ({ ...f, name: `fixtures/${f.name}` })),
		];
		for (let i = 0; i < learners; i++) {
			const learner = `learner-${String(i + 1).padStart(2, '0')}`;
			const program = pool[i % pool.length] as (typeof pool)[number];
			cpSync(program.folder, join(classDir, learner, lab.id), { recursive: true });
			deserved.set(`${learner}/${lab.id}`, program);
		}
	}
	const expectedPasses = [...deserved.values()].filter((d) => d.failsCheck === undefined).length;
	return { deserved, expectedPasses };
}

/** The submissions graded otherwise than they deserve, each with what went wrong. */
export function misjudged(
	results: readonly CsvRow[],
	deserved: ReadonlyMap<string, Deserved>,
): string[] {
	const wrong: string[] = [];
	for (const row of results) {
		const key = `${row.learner}/${row.lab}`;
		const { name, failsCheck } = deserved.get(key) ?? { name: '?' };
		if (failsCheck === undefined && !row.passed) {
			wrong.push(`${key} (${name}) failed ${row.failing.join(', ')}: ${row.message}`);
		} else if (failsCheck !== undefined && !row.failing.includes(failsCheck)) {
			wrong.push(`${key} (${name}) did not fail ${failsCheck}`);
		}
	}
	if (results.length !== deserved.size) {
		wrong.push(`${results.length} results for ${deserved.size} submissions`);
	}
	return wrong;
}

const PAGE_BYTES = 4096;

export function residentBytes(pid: number): number {
	try {
		return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
	} catch {
		return 0;
	}
}

/** Processor time of the process and of every child it has reaped (graders, and through them
 * the learner programs), in ms; Linux counts it in ticks of 10 ms. */
export function cpuMs(pid: number): number | undefined {
	const fields = statFields(pid);
	return fields && [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) * 10;
}

/** The batch's direct child processes, its graders; 0 where Linux does not list them. */
export function childCount(pid: number): number {
	try {
		const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
		return text === '' ? 0 : text.split(/\s+/).length;
	} catch {
		return 0;
	}
}
