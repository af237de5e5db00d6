// A fake origin whose every answer is a new version of its resource, and the learner's proxy in
// front of it. Versions make a cached answer and a fresh one tell apart by body alone.
import type {
	CheckContext,
	FakeResponse,
	FakeServer,
	GraderRequest,
	GraderResponse,
	LearnerProgram,
	RecordedRequest,
} from '../../../src/harness/index.ts';
import { randomBytes } from '../../shared/http/bytes.ts';

/** Content types a cache must keep as they are; the body's bytes never depend on them. */
const CONTENT_TYPES = [
	'text/plain; charset=utf-8',
	'application/json',
	'text/html; charset=iso-8859-1',
	'application/octet-stream',
	'image/svg+xml',
	'text/csv',
];

/** How the origin answers one request; `version` counts the requests for that method and path. */
export type Answer = (
	request: RecordedRequest,
	version: number,
) => Partial<FakeResponse> | Promise<Partial<FakeResponse>>;

export interface Origin {
	server: FakeServer;
	/** Replace to change how the origin answers from now on. Status and headers default per path. */
	answer: Answer;
	/** The origin's answers in the order they were given, to compare with what clients got;
	 * `version` counts the requests for that method and path in the order they arrived. */
	answers: { method: string; path: string; version: number; response: FakeResponse }[];
	/** How many requests the origin received for this method and exact request target. */
	count(method: string, path: string): number;
}

export async function startOrigin(ctx: CheckContext): Promise<Origin> {
	const types = new Map<string, string>();
	const versions = new Map<string, number>();
	const origin: Origin = {
		server: undefined as unknown as FakeServer,
		answer: () => ({}),
		answers: [],
		count: (method, path) =>
			origin.server.requests.filter((request) => request.method === method && request.path === path)
				.length,
	};
	origin.server = await ctx.fakeServer({
		name: 'origin',
		respond: async (request) => {
			const key = `${request.method} ${request.path}`;
			const version = (versions.get(key) ?? 0) + 1;
			versions.set(key, version);
			const pathOnly = request.path.split('?')[0] ?? '';
			if (!types.has(pathOnly)) types.set(pathOnly, ctx.random.pick(CONTENT_TYPES));
			const custom = await origin.answer(request, version);
			const prefix = new TextEncoder().encode(`${key} version ${version}\n`);
			const response: FakeResponse = {
				status: custom.status ?? 200,
				headers: { 'Content-Type': types.get(pathOnly) ?? 'text/plain', ...custom.headers },
				body: custom.body ?? concat(prefix, randomBytes(ctx, ctx.random.int(16, 2048))),
			};
			origin.answers.push({ method: request.method, path: request.path, version, response });
			return response;
		},
	});
	return origin;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a);
	joined.set(b, a.length);
	return joined;
}

/** Starts the proxy; `ttlMs` null leaves CACHE_TTL_MS unset, so the default applies. */
export function startProxy(
	ctx: CheckContext,
	origin: Origin,
	ttlMs: number | null = 60_000,
): Promise<LearnerProgram> {
	const env: Record<string, string> = { ORIGIN: origin.server.url };
	if (ttlMs !== null) env['CACHE_TTL_MS'] = String(ttlMs);
	return ctx.start({ env });
}

/** A fresh path, so that no earlier request of the check has stored or invalidated it. */
export function freshPath(ctx: CheckContext): string {
	return `/${ctx.random.word(5)}/${ctx.random.id('r')}`;
}

export function send(
	ctx: CheckContext,
	proxy: LearnerProgram,
	request: GraderRequest,
): Promise<GraderResponse> {
	return ctx.request(proxy, request);
}

/** A header with a random name and value, which no program can know in advance. */
export function randomHeader(ctx: CheckContext): [string, string] {
	const word = ctx.random.word(5);
	return [
		`X-${word[0]?.toUpperCase()}${word.slice(1)}-${ctx.random.word(3)}`,
		`${ctx.random.word(4)} ${ctx.random.id('v')}`,
	];
}
