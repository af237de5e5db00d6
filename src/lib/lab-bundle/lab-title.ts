import { existsSync, readFileSync } from 'node:fs';
import { labChecksPath } from '../../labs/index.ts';

// The title a lab's heading shows. Every lab's README opens with "# Lab: <id>", which names the
// folder rather than the work, while its definition in checks.ts carries a real title ("A
// round-robin load balancer"). The build reads that title from the source text rather than
// importing checks.ts, which would pull the whole harness into the page build for one string;
// tests/site/lab-title.test.ts holds the two equal for every lab.

/** The `title` of `defineLab({ … })` in `labs/<id>/checks.ts`, when it is a plain string literal. */
export function definitionTitle(labId: string): string | undefined {
	const path = labChecksPath(labId);
	if (!existsSync(path)) return undefined;
	const source = readFileSync(path, 'utf8');
	const call = source.indexOf('defineLab({');
	if (call === -1) return undefined;
	const match = /\n\ttitle:\s*(['"])((?:\\.|(?!\1).)*)\1/.exec(source.slice(call));
	return match?.[2]?.replace(/\\(.)/g, '$1');
}

/** The heading of a lab: its definition's title, else its README's first heading unless that only
 * repeats the id, else the id. */
export function labTitle(labId: string, readmeHeading: string | undefined): string {
	const fromReadme =
		readmeHeading && readmeHeading.replace(/^Lab:\s*/, '') !== labId ? readmeHeading : undefined;
	return definitionTitle(labId) ?? fromReadme ?? labId;
}
