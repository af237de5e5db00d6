// The grader command line: `npm run --silent grade -- <lab-id> <folder> [--json]`.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderLabSource } from './lab-source.ts';
import { runCli } from './run-cli.ts';

// GRADER_LABS_DIR points the grader at another labs folder; the harness's own tests use it to grade
// small test labs without depending on the course's labs.
const labsDir = process.env['GRADER_LABS_DIR']
	? resolve(process.env['GRADER_LABS_DIR'])
	: join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'labs');
runCli(folderLabSource(labsDir));
