// Starts Debian's nginx on deploy/nginx/course.conf for a test. The committed server block is used
// as it is except for its `listen` line and build folder; for another base path it is the block
// scripts/write-host-configs.ts would write for that base; a generated wrapper gives nginx a temporary
// prefix for its pid, logs and temp files, so nothing of the system's nginx is touched.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nginxConf } from '../../../scripts/host-configs.ts';
import { freePort } from '../../support/port.ts';
import { replaceOnce, replaceRoot, waitForAnswer, type HostServer } from './host-server.ts';

// Debian installs nginx in /usr/sbin, which is on root's PATH but often not on a user's.
const binary = ['nginx', '/usr/sbin/nginx'].find((path) => !spawnSync(path, ['-v']).error);

/** Why nginx cannot be used here, or undefined when it can. */
export function nginxMissing(): string | undefined {
	return binary ? undefined : 'nginx is not installed: run "apt-get install -y nginx" (.ci/run does)';
}

/** Starts nginx on the build folder `root`. `bare` drops every `add_header` line, to stand for a
 * host that cannot set headers, such as GitHub Pages. */
export async function startNginx(root: string, base = '/', { bare = false } = {}): Promise<HostServer> {
	const prefix = mkdtempSync(join(tmpdir(), 'course-nginx-'));
	const port = await freePort();
	const file = base === '/' ? 'deploy/nginx/course.conf' : `nginxConf('${base}')`;
	let server = base === '/' ? readFileSync(file, 'utf8') : nginxConf(base);
	server = replaceOnce(server, file, /^\tlisten .*;$/, `\tlisten 127.0.0.1:${port};`);
	server = replaceRoot(server, file, root);
	if (bare) server = server.replace(/^\s*add_header .*$/gm, '');
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
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	const url = `http://127.0.0.1:${port}${base}`;
	await waitForAnswer(child, url, 'nginx');
	return {
		url,
		async stop() {
			if (child.exitCode === null) child.kill('SIGQUIT');
			await exited;
			rmSync(prefix, { recursive: true, force: true });
		},
	};
}
