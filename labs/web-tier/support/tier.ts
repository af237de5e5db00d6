// The learner's web server between the grader and a fake application server, serving a random
// site. Every check runs inside `withTier`, which removes the site however the check ends.
import type {
	CheckContext,
	FakeResponse,
	FakeServer,
	GraderRequest,
	GraderResponse,
	LearnerProgram,
	RecordedRequest,
} from '../../../src/harness/index.ts';
import { makeSite, type Site, type SiteFile } from './site.ts';

export interface Tier {
	site: Site;
	app: FakeServer;
	program: LearnerProgram;
	/** Replace to change how the application server answers from now on. */
	answer: (request: RecordedRequest) => FakeResponse;
	send(request: GraderRequest): Promise<GraderResponse>;
}

/** By default the application server answers JSON that names itself and the request it got. */
function appAnswer(request: RecordedRequest): FakeResponse {
	return {
		status: 200,
		headers: { 'Content-Type': 'application/json', 'X-Served-By': 'application server' },
		body: JSON.stringify({
			server: 'application server',
			method: request.method,
			path: request.path,
		}),
	};
}

export async function withTier(
	ctx: CheckContext,
	run: (tier: Tier) => Promise<void>,
): Promise<void> {
	const site = await makeSite(ctx);
	try {
		let answer = appAnswer;
		const app = await ctx.fakeServer({ name: 'application server', respond: (r) => answer(r) });
		const program = await ctx.start({ env: { PUBLIC_DIR: site.dir, APP_URL: app.url } });
		await run({
			site,
			app,
			program,
			get answer() {
				return answer;
			},
			set answer(next) {
				answer = next;
			},
			send: (request) => ctx.request(program, request),
		});
	} finally {
		await site.remove();
	}
}

/** The media type of a response, lower-cased and without parameters such as charset. */
export function mediaType(res: GraderResponse): string | undefined {
	const value = res.headers['content-type'];
	const text = Array.isArray(value) ? value[0] : value;
	return text?.split(';')[0]?.trim().toLowerCase();
}

/** Application-server requests whose path holds `token`. */
export function appReceived(tier: Tier, token: string): RecordedRequest[] {
	return tier.app.requests.filter((request) => request.path.includes(token));
}

/** Fails when the application server was asked for what should have been a static file. */
export function expectNotForwarded(
	ctx: CheckContext,
	tier: Tier,
	res: GraderResponse,
	path: string,
): void {
	const forwarded = appReceived(tier, path.split('?')[0] ?? path);
	if (forwarded.length > 0) {
		ctx.fail(
			`Expected ${res.request.method} ${path} to be answered from PUBLIC_DIR, but it was forwarded to the application server`,
			res.request,
		);
	}
}

/** `the file's 241337 bytes unchanged` */
export function describeFile(file: SiteFile): string {
	return `the file's ${file.bytes.length} bytes unchanged`;
}
