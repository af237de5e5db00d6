// Shared pieces of the grader and lab command-line tests: running a command as a real process with
// a time bound, watching its process tree, and a small strict reader for the XML and HTML we write.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signalGroup } from '../../src/harness/process-registry.ts';
import { descendants, type SeenProcess } from '../../src/grader/process-tree.ts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export { labsDir } from '../../src/labs/index.ts';

export interface Ran {
	code: number | null;
	stdout: string;
	stderr: string;
	wallMs: number;
	/** Every process seen below the command while it ran. */
	seen: SeenProcess[];
}

export interface RunOptions {
	cwd?: string;
	env?: Record<string, string>;
	timeoutMs?: number;
}

/** Starts a command in its own process group, so a test can stop it and all it started. */
export function start(command: string, args: readonly string[], options: RunOptions = {}) {
	return spawn(command, args, {
		cwd: options.cwd ?? root,
		env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...options.env },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

/** Runs a command to its end, sampling its process tree; a hang fails the test, not the suite. */
export function run(command: string, args: readonly string[], options: RunOptions = {}) {
	const timeoutMs = options.timeoutMs ?? 60_000;
	return new Promise<Ran>((resolve, reject) => {
		const started = Date.now();
		const child = start(command, args, options);
		const seen = new Map<string, SeenProcess>();
		const sample = setInterval(() => {
			for (const p of descendants(child.pid ?? -1)) seen.set(`${p.pid}:${p.start}`, p);
		}, 100);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			signalGroup(child.pid ?? -1, 'SIGKILL');
			reject(
				new Error(`${args.join(' ')} did not end within ${timeoutMs} ms:\n${stdout}${stderr}`),
			);
		}, timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			clearInterval(sample);
			resolve({ code, stdout, stderr, wallMs: Date.now() - started, seen: [...seen.values()] });
		});
	});
}

/** Resolves with the output so far once it matches `pattern`; rejects after `timeoutMs`. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number) {
	return new Promise<string>((resolve, reject) => {
		let text = '';
		const onData = (chunk: Buffer) => {
			text += chunk.toString();
			if (pattern.test(text)) done(() => resolve(text));
		};
		const timer = setTimeout(
			() => done(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms in:\n${text}`))),
			timeoutMs,
		);
		const done = (settle: () => void) => {
			clearTimeout(timer);
			child.stdout?.off('data', onData);
			settle();
		};
		child.stdout?.on('data', onData);
	});
}

export interface Element {
	name: string;
	attributes: Record<string, string>;
	children: Element[];
	/** The element's text, its descendants' included, with entities decoded. */
	text: string;
}

const VOID = new Set(['meta', 'link', 'br', 'img', 'input', 'hr']);

/** Reads XML or the HTML the class report writes into a tree; throws on a tag that does not close
 * in order, so a malformed document fails the test. */
export function parseMarkup(source: string): Element {
	const top: Element = { name: '#document', attributes: {}, children: [], text: '' };
	const stack = [top];
	const token =
		/<!--[\s\S]*?-->|<[?!][^>]*>|<\/([\w-]+)\s*>|<([\w-]+)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+)/g;
	let at = 0;
	for (const match of source.matchAll(token)) {
		const [whole, closing, opening, attributeText = '', selfClosing, text] = match;
		if (match.index !== at) throw new Error(`unreadable markup at ${source.slice(at, at + 40)}`);
		at += whole.length;
		const current = stack.at(-1) as Element;
		if (text !== undefined) {
			for (const open of stack) open.text += decode(text);
		} else if (closing) {
			if (current.name !== closing) throw new Error(`</${closing}> closes <${current.name}>`);
			stack.pop();
		} else if (opening) {
			const attributes: Record<string, string> = {};
			for (const [, key = '', value = ''] of attributeText.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) {
				attributes[key] = decode(value);
			}
			const element: Element = { name: opening, attributes, children: [], text: '' };
			current.children.push(element);
			if (!selfClosing && !VOID.has(opening)) stack.push(element);
		}
	}
	if (at !== source.length) throw new Error(`unreadable markup at ${source.slice(at, at + 40)}`);
	if (stack.length !== 1) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
	return top;
}

/** Every element below `element` named `name`, in document order. */
export function findAll(element: Element, name: string): Element[] {
	return element.children.flatMap((child) => [
		...(child.name === name ? [child] : []),
		...findAll(child, name),
	]);
}

function decode(text: string): string {
	return text
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&quot;', '"')
		.replaceAll('&apos;', "'")
		.replaceAll('&#39;', "'")
		.replaceAll('&amp;', '&');
}
