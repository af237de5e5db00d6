// The grader command line: `npm run --silent grade -- <lab-id> <folder> [--json]`.
// COURSE_LABS_DIR points it at another labs folder (src/labs/find.ts); the harness's own tests use
// it to grade small test labs without depending on the course's labs.
import { folderLabSource } from '../labs/index.ts';
import { runCli } from './run-cli.ts';

runCli(folderLabSource());
