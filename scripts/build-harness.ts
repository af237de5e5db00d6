// Bundles the grader command line and every lab's checks into `dist-harness/grader.mjs`, which runs
// on Node 20 or later with nothing installed. Usage: npm run build:harness [-- --out <file>];
// COURSE_LABS_DIR=<dir> bundles another labs folder.
import { bundleWithLabs } from './lib/bundle-with-labs.ts';

await bundleWithLabs({
	what: 'the grader',
	module: 'src/grader/run-cli.ts',
	start: 'runCli',
	out: 'dist-harness/grader.mjs',
	playgrounds: false,
});
