// Serves the built site (`dist/`) the way the course needs it deployed: every response is
// cross-origin isolated, so the in-browser lab runtime can work on any page. `npm start` runs this
// after the build; tests import `createSiteServer` and give it port 0.
import { createReadStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { loadCourseConfig } from '../src/lib/course-config.ts';
import { siteHeaders } from '../src/lib/deploy-headers.ts';
import { joinBase } from '../src/shared/site-path.ts';
import { createRuntimeHandler } from '../src/runtime/local-server.ts';
import { chooseSandbox } from '../src/runtime/sandbox-choice.ts';
import { contentType } from './serve/content-types.ts';
import { resolveFile } from './serve/resolve-file.ts';

export interface SiteServerOptions {
	/** The folder to serve, usually `dist`. */
	root: string;
	/** The port on 127.0.0.1; 0 picks a free one. */
	port: number;
	/** The path the site was built for (the `base` setting), such as `/courses/client-server/`;
	 * `/` when omitted. Requests outside it get the 404 page, and `/` is sent to it. */
	base?: string;
	/** Answers the requests it claims (the local lab runtime, under `/__runtime/`) before any file. */
	handle?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface SiteServer {
	server: Server;
	/** The site's address, with a trailing slash, such as `http://127.0.0.1:4321/` or
	 * `http://127.0.0.1:4321/courses/client-server/`. */
	url: string;
	close(): Promise<void>;
}

function send(
	res: ServerResponse,
	status: number,
	headers: Record<string, string>,
	body = '',
): void {
	res.writeHead(status, { ...siteHeaders, 'X-Content-Type-Options': 'nosniff', ...headers });
	res.end(body);
}

async function handle(
	root: string,
	base: string,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		return send(
			res,
			405,
			{ Allow: 'GET, HEAD', 'Content-Type': 'text/plain' },
			'Method not allowed\n',
		);
	}
	// Only the path is needed; resolving it against a fixed base keeps `Host` out of the picture.
	const { pathname: parsed, search } = new URL(req.url ?? '/', 'http://site.invalid');
	// Dot segments can leave several leading slashes (`/x/..//lessons` parses as `//lessons`), and a
	// redirect built from such a path would be protocol-relative, `Location: //lessons/`, sending
	// the browser to the host `lessons`. One leading slash is all a path on this site has.
	const requested = parsed.replace(/^\/+/, '/');
	// A site built for a sub-path answers only under it; the bare origin, or the sub-path without
	// its slash, leads there, as a visitor typing the short address expects.
	if (base !== '/' && (requested === '/' || `${requested}/` === base)) {
		return send(res, 302, { Location: base + search, 'Content-Type': 'text/plain' });
	}
	const pathname = requested.startsWith(base)
		? `/${requested.slice(base.length).replace(/^\/+/, '')}`
		: undefined;
	const resolved =
		pathname === undefined ? ({ kind: 'not-found' } as const) : await resolveFile(root, pathname);
	if (resolved.kind === 'redirect') {
		// Kept to one leading slash however the location was built, so it never names another host.
		const location = joinBase(base, resolved.location).replace(/^\/{2,}/, '/');
		return send(res, 301, { Location: location + search, 'Content-Type': 'text/plain' });
	}
	if (resolved.kind === 'forbidden' || resolved.kind === 'bad-request') {
		const status = resolved.kind === 'forbidden' ? 403 : 400;
		return send(res, status, { 'Content-Type': 'text/plain' }, `${status} ${resolved.kind}\n`);
	}
	let status = 200;
	let file = resolved.kind === 'file' ? resolved : undefined;
	if (!file) {
		status = 404;
		const page = await resolveFile(root, '/404.html');
		if (page.kind !== 'file')
			return send(res, 404, { 'Content-Type': 'text/plain' }, 'Not found\n');
		file = page;
	}
	// Astro puts hashed file names under /_astro/, so those can be cached for good.
	const immutable = pathname?.startsWith('/_astro/') === true && status === 200;
	res.writeHead(status, {
		...siteHeaders,
		'X-Content-Type-Options': 'nosniff',
		'Content-Type': contentType(file.path),
		'Content-Length': String(file.size),
		'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
	});
	if (req.method === 'HEAD') return void res.end();
	createReadStream(file.path)
		.on('error', () => res.destroy())
		.pipe(res);
}

/** Starts the static server on 127.0.0.1 and resolves once it is listening. */
export async function createSiteServer(options: SiteServerOptions): Promise<SiteServer> {
	const root = await realpath(resolve(options.root)).catch(() => {
		throw new Error(
			`scripts/serve.ts: ${resolve(options.root)} does not exist. Run "npm run build" first.`,
		);
	});
	const base = options.base ?? '/';
	const server = createServer((req, res) => {
		if (options.handle?.(req, res)) return;
		handle(root, base, req, res).catch((error: unknown) => {
			console.error('scripts/serve.ts:', error);
			if (!res.headersSent) send(res, 500, { 'Content-Type': 'text/plain' }, 'Server error\n');
			else res.destroy();
		});
	});
	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(options.port, '127.0.0.1', done);
	});
	const { port } = server.address() as AddressInfo;
	return {
		server,
		url: `http://127.0.0.1:${port}${base}`,
		close: () =>
			new Promise<void>((done) => {
				server.close(() => done());
				server.closeAllConnections();
			}),
	};
}

if (import.meta.main) {
	const port = Number(process.env['PORT'] ?? 4321);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		console.error(
			`scripts/serve.ts: PORT must be a whole number from 0 to 65535, got "${process.env['PORT']}".`,
		);
		process.exit(2);
	}
	// SITE_DIR lets the browser tests serve their own build, untouched by a parallel `npm run build`.
	const root = process.env['SITE_DIR'] ?? 'dist';
	// Lab programs run in the sandbox wherever it can start; src/runtime/sandbox-choice.ts says why,
	// and what RUNTIME_SANDBOX=0 and =1 change.
	const choice = chooseSandbox(process.env['RUNTIME_SANDBOX']);
	if ('refuse' in choice) {
		console.error(`scripts/serve.ts: ${choice.refuse}`);
		process.exit(2);
	}
	// Running without the sandbox is worth a warning; running in it, a line beside the address.
	(choice.sandbox ? console.log : console.error)(choice.note);
	const runtime = createRuntimeHandler(choice.sandbox ? { sandbox: choice.sandbox } : {});
	// The build follows course.config.yaml's base, so the server reads the same file.
	const { base } = loadCourseConfig();
	const site = await createSiteServer({ root, port, base, handle: runtime });
	console.log(`Serving ${root}/ at ${site.url} (cross-origin isolated). Press Ctrl+C to stop.`);
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(
			signal,
			() => void Promise.all([runtime.close(), site.close()]).then(() => process.exit(0)),
		);
	}
}
