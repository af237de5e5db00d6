// What the nginx and caddy helpers share: a checked edit of the committed configuration, and
// waiting until the server answers.
import type { ChildProcess } from 'node:child_process';

export interface HostServer {
	/** The site's address: the origin and the base path, with a trailing slash. */
	url: string;
	stop(): Promise<void>;
}

/** Replaces the one line matching `line`; the committed file must hold exactly one. */
export function replaceOnce(text: string, file: string, line: RegExp, by: string): string {
	if ((text.match(new RegExp(line, 'gm')) ?? []).length !== 1) {
		throw new Error(`${file}: expected exactly one line matching ${line}`);
	}
	return text.replace(new RegExp(line, 'm'), by);
}

/** Points every path of the placeholder build folder, `/srv/course/dist`, at `root`. */
export function replaceRoot(text: string, file: string, root: string): string {
	if (!text.includes('/srv/course/dist')) throw new Error(`${file}: expected the root /srv/course/dist`);
	return text.replaceAll('/srv/course/dist', root);
}

/** Resolves once `url` answers; rejects with the server's error output if it exits or stays silent. */
export async function waitForAnswer(child: ChildProcess, url: string, name: string): Promise<void> {
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	for (let tries = 0; ; tries++) {
		if (child.exitCode !== null) throw new Error(`${name} exited at start: ${stderr}`);
		if (await fetch(url).then(() => true, () => false)) return;
		if (tries > 200) throw new Error(`${name} did not answer at ${url} within 10 s: ${stderr}`);
		await new Promise((done) => setTimeout(done, 50));
	}
}
