// Reads a class folder: `<folder>/<learner>/<lab-id>/` holds one learner's program for one lab.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Submission } from './result.ts';

export interface ClassFolder {
	/** Sorted by learner, then lab. */
	submissions: Submission[];
	/** One line per folder that was skipped, saying why. */
	skipped: string[];
}

/** Lists the submissions under `folder`. Hidden entries (`.git`, `.DS_Store`) are ignored; a folder
 * that is not a known lab is reported and skipped, never guessed at. */
export function readClassFolder(folder: string, knownLabs: readonly string[]): ClassFolder {
	const submissions: Submission[] = [];
	const skipped: string[] = [];
	for (const learner of visibleFolders(folder)) {
		const labs = visibleFolders(join(folder, learner));
		if (labs.length === 0) skipped.push(`${learner}/: no lab folders inside`);
		for (const lab of labs) {
			if (knownLabs.includes(lab)) {
				submissions.push({ learner, lab, folder: join(folder, learner, lab) });
			} else {
				skipped.push(
					`${learner}/${lab}/: "${lab}" is not a lab id (known labs: ${knownLabs.join(', ')})`,
				);
			}
		}
	}
	return { submissions, skipped };
}

function visibleFolders(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
		.map((entry) => entry.name)
		.sort((a, b) => a.localeCompare(b, 'en'));
}
