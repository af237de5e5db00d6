// Starts Debian's caddy on deploy/caddy/Caddyfile for a test. The committed file is used as it is
// except for its site address and root; global options turn off the admin endpoint and HTTPS and
// keep caddy's storage in a temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caddyfile } from '../../../scripts/host-configs.ts';
import { freePort } from '../../support/port.ts';
import { replaceOnce, replaceRoot, waitForAnswer, type HostServer } from './host-server.ts';

/** Why caddy cannot be used here, or undefined when it can. */
export function caddyMissing(): string | undefined {
	return spawnSync('caddy', ['version']).error
		? 'caddy is not installed: run "apt-get install -y caddy" (.ci/run does)'
		: undefined;
}

export async function startCaddy(root: string, base = '/'): Promise<HostServer> {
	const home = mkdtempSync(join(tmpdir(), 'course-caddy-'));
	const port = await freePort();
	const file = base === '/' ? 'deploy/caddy/Caddyfile' : `caddyfile('${base}')`;
	let config = base === '/' ? readFileSync(file, 'utf8') : caddyfile(base);
	config = replaceOnce(config, file, /^course\.example\.org \{$/, `http://127.0.0.1:${port} {`);
	config = replaceRoot(config, file, root);
	const global = `{\n\tadmin off\n\tauto_https off\n\tstorage file_system ${join(home, 'data')}\n}\n`;
	writeFileSync(join(home, 'Caddyfile'), global + config);
	const child = spawn('caddy', ['run', '--adapter', 'caddyfile', '--config', join(home, 'Caddyfile')], {
		env: { ...process.env, HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home },
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	const url = `http://127.0.0.1:${port}${base}`;
	await waitForAnswer(child, url, 'caddy');
	return { url, stop: () => stopChild(child, home) };
}

async function stopChild(child: ReturnType<typeof spawn>, home: string): Promise<void> {
	if (child.exitCode === null) {
		const exited = new Promise((done) => child.once('exit', done));
		child.kill('SIGTERM');
		await exited;
	}
	rmSync(home, { recursive: true, force: true });
}
