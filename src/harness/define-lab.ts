import type { LabDefinition } from './types.ts';

/** Declares a lab. It validates the definition early, so a mistake in a lab's `checks.ts` is found
 * when the lab is loaded, not halfway through a learner's run. */
export function defineLab(lab: LabDefinition): LabDefinition {
	const seen = new Set<string>();
	for (const check of lab.checks) {
		if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(check.id)) {
			throw new Error(`Lab ${lab.id}: check id "${check.id}" must be kebab-case.`);
		}
		if (seen.has(check.id)) throw new Error(`Lab ${lab.id}: check id "${check.id}" is used twice.`);
		seen.add(check.id);
	}
	return lab;
}
