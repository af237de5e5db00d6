// Finds every lab and the programs that come with it (solution, fixtures, variants), for the
// generic lab tests, the stress run and the benchmark.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabDefinition } from '../harness/types.ts';
import { labsDir } from './find.ts';
import { folderLabSource } from './load.ts';

export interface Fixture {
	name: string;
	folder: string;
	/** The contract sentence the program breaks. */
	rule: string;
	/** The check that must catch it. */
	failsCheck: string;
}

export interface DiscoveredLab {
	lab: LabDefinition;
	folder: string;
	fixtures: Fixture[];
	/** Alternative correct programs, by name. */
	variants: { name: string; folder: string }[];
}

function subfolders(folder: string): string[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
}

function readFixture(lab: LabDefinition, folder: string, name: string): Fixture {
	const file = join(folder, 'FIXTURE.json');
	const where = `labs/${lab.id}/fixtures/${name}/FIXTURE.json`;
	if (!existsSync(file))
		throw new Error(`${where} is missing: write {"rule": "...", "failsCheck": "<check id>"}.`);
	const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Fixture>;
	if (typeof data.rule !== 'string' || typeof data.failsCheck !== 'string') {
		throw new Error(`${where} needs a string "rule" and a string "failsCheck".`);
	}
	if (!lab.checks.some((check) => check.id === data.failsCheck)) {
		throw new Error(
			`${where} names check "${data.failsCheck}", which lab ${lab.id} does not have.`,
		);
	}
	return { name, folder, rule: data.rule, failsCheck: data.failsCheck };
}

/** Every lab under `dir` with its fixtures and variants, in the order of their ids. */
export async function discoverLabs(dir: string = labsDir): Promise<DiscoveredLab[]> {
	const source = folderLabSource(dir);
	const labs: DiscoveredLab[] = [];
	for (const id of source.list()) {
		const lab = await source.load(id);
		if (!lab) continue;
		const folder = join(dir, id);
		labs.push({
			lab,
			folder,
			fixtures: subfolders(join(folder, 'fixtures')).map((name) =>
				readFixture(lab, join(folder, 'fixtures', name), name),
			),
			variants: subfolders(join(folder, 'variants')).map((name) => ({
				name,
				folder: join(folder, 'variants', name),
			})),
		});
	}
	return labs;
}
