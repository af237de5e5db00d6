// The one place that finds and loads labs: every part of the course that needs a lab (the grader,
// the runtime, the lab command line, the site build, the tests, stress and bench) imports it from
// here. `COURSE_LABS_DIR` points all of them at another labs folder.
export {
	LAB_DEFINITION_FILE,
	LAB_PLAYGROUND_FILE,
	LABS_DIR_VARIABLE,
	labChecksPath,
	labPlaygroundPath,
	labsDir,
	listLabs,
} from './find.ts';
export { folderLabSource, staticLabSource } from './load.ts';
export type { BundledLab, LabSource } from './load.ts';
export { NO_PLAYGROUND } from './playground.ts';
export { discoverLabs } from './discover.ts';
export type { DiscoveredLab, Fixture } from './discover.ts';
