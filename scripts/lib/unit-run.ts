// Node's test runner over a list of files, started in the order given, longest first. `node --test`
// sorts its files by path, so the lab suite (a third of the unit tests' time, in one file) started
// half way through, and the files after it left one slot idle at the end while it ran on: in CI
// that tail was about a minute and a half of a run that must stay under fifteen. Starting the
// longest files first (longest-processing-time-first scheduling) lets the short ones fill in
// around them. The spec report goes to standard output and a TAP copy to the file named first.
// Usage: node scripts/lib/unit-run.ts <tap-file> <concurrency> <test-file>...
import { createWriteStream } from 'node:fs';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';

const [tapFile, concurrencyText, ...files] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
if (!tapFile || !Number.isInteger(concurrency) || concurrency < 1 || files.length === 0) {
	console.error('Usage: node scripts/lib/unit-run.ts <tap-file> <concurrency> <test-file>...');
	process.exit(2);
}

const stream = run({ files, concurrency });
// Any failed test or suite, a file that cannot load included, fails the run.
stream.on('test:fail', () => {
	process.exitCode = 1;
});
stream.compose(spec).pipe(process.stdout);
stream.compose(tap).pipe(createWriteStream(tapFile));
