// Starts Debian's nginx on deploy/nginx/course.conf for a test. The committed server block is used
// as it is except for its `listen` and `root` lines; a generated wrapper gives nginx a temporary
// prefix for its pid, logs and temp files, so nothing of the system's nginx is touched.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Nginx {
	url: string;
	stop(): Promise<void>;
}

// Debian installs nginx in /usr/sbin, which is on root's PATH but often not on a user's.
const binary = ['nginx', '/usr/sbin/nginx'].find((path) => !spawnSync(path, ['-v']).error);

/** Why nginx cannot be used here, or undefined when it can. */
export function nginxMissing(): string | undefined {
	return binary ? undefined : 'nginx is not installed: run "apt-get install -y nginx" (.ci/run does)';
}

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
		});
	});
}

function replaceOnce(text: string, line: RegExp, by: string): string {
	if ((text.match(new RegExp(line, 'gm')) ?? []).length !== 1) {
		throw new Error(`deploy/nginx/course.conf: expected exactly one line matching ${line}`);
	}
	return text.replace(new RegExp(line, 'm'), by);
}

export async function startNginx(root: string): Promise<Nginx> {
	const prefix = mkdtempSync(join(tmpdir(), 'course-nginx-'));
	const port = await freePort();
	let server = readFileSync('deploy/nginx/course.conf', 'utf8');
	server = replaceOnce(server, /^\tlisten .*;$/, `\tlisten 127.0.0.1:${port};`);
	server = replaceOnce(server, /^\troot .*;$/, `\troot ${root};`);
	writeFileSync(join(prefix, 'course.conf'), server);
	// Relative includes resolve beside the main configuration file.
	copyFileSync('/etc/nginx/mime.types', join(prefix, 'mime.types'));
	const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
		.map((kind) => `\t${kind}_temp_path ${join(prefix, kind)};`)
		.join('\n');
	writeFileSync(
		join(prefix, 'nginx.conf'),
		`# One process, so that it runs as the test's user and reads the build wherever it is.
master_process off;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 64; }
http {
	access_log off;
${temp}
	include course.conf;
}
`,
	);
	const child: ChildProcess = spawn(binary ?? 'nginx', ['-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	const url = `http://127.0.0.1:${port}/`;
	for (let tries = 0; ; tries++) {
		if (child.exitCode !== null) throw new Error(`nginx exited at start: ${stderr}`);
		const ok = await fetch(url).then(() => true, () => false);
		if (ok) break;
		if (tries > 100) throw new Error(`nginx did not answer at ${url} within 5 s: ${stderr}`);
		await new Promise((done) => setTimeout(done, 50));
	}
	return {
		url,
		async stop() {
			if (child.exitCode === null) child.kill('SIGQUIT');
			await exited;
			rmSync(prefix, { recursive: true, force: true });
		},
	};
}
