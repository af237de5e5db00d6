// The grader command line: `npm run --silent grade -- <lab-id> <folder> [--json]`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderLabSource } from './lab-source.ts';
import { runCli } from './run-cli.ts';

const labsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'labs');
runCli(folderLabSource(labsDir));
