// results.xml in the JUnit format that CI systems and test dashboards read: one test suite per
// learner and lab, one test case per check.
import { checksPassed, type PairResult } from './result.ts';

export function toJunit(results: readonly PairResult[], timestamp = new Date()): string {
	const count = (result: PairResult, status: string) =>
		result.checks.filter((check) => check.status === status).length;
	const sum = (of: (result: PairResult) => number) =>
		results.reduce((total, result) => total + of(result), 0);
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		tag('testsuites', {
			name: 'grade',
			tests: sum((r) => r.checks.length),
			failures: sum((r) => count(r, 'fail')),
			skipped: sum((r) => count(r, 'skip')),
			time: seconds(sum((r) => r.durationMs)),
			timestamp: timestamp.toISOString(),
		}),
	];
	for (const result of results) {
		const name = `${result.learner}/${result.lab}`;
		lines.push(
			`\t${tag('testsuite', {
				name,
				tests: result.checks.length,
				failures: count(result, 'fail'),
				errors: 0,
				skipped: count(result, 'skip'),
				time: seconds(result.durationMs),
			})}`,
			'\t\t<properties>',
			`\t\t\t${tag('property', { name: 'seed', value: result.seed }, true)}`,
			`\t\t\t${tag('property', { name: 'checks_passed', value: checksPassed(result) }, true)}`,
			...(result.error
				? [`\t\t\t${tag('property', { name: 'error', value: result.error }, true)}`]
				: []),
			'\t\t</properties>',
		);
		for (const check of result.checks) {
			const attributes = {
				classname: name,
				name: `${check.id}: ${check.title}`,
				time: seconds(check.durationMs),
			};
			if (check.status === 'pass') {
				lines.push(`\t\t${tag('testcase', attributes, true)}`);
				continue;
			}
			const message = check.message ?? 'failed';
			const inner =
				check.status === 'skip'
					? '<skipped/>'
					: `${tag('failure', { message, type: 'CheckFailed' })}${xml(message)}</failure>`;
			lines.push(`\t\t${tag('testcase', attributes)}`, `\t\t\t${inner}`, '\t\t</testcase>');
		}
		lines.push('\t</testsuite>');
	}
	lines.push('</testsuites>', '');
	return lines.join('\n');
}

function tag(name: string, attributes: Record<string, string | number>, empty = false): string {
	const text = Object.entries(attributes)
		.map(([key, value]) => ` ${key}="${xml(String(value))}"`)
		.join('');
	return `<${name}${text}${empty ? '/>' : '>'}`;
}

function seconds(ms: number): string {
	return (ms / 1000).toFixed(3);
}

/** Escapes text for an attribute or element. Characters XML 1.0 forbids (a program's colour codes,
 * a stray NUL) are replaced, since one of them would make the whole file unreadable. */
export function xml(text: string): string {
	return text
		.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&apos;');
}
