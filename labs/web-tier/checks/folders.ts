// Folder paths serve the folder's index.html, and paths that name nothing get 404.
import type { Check, CheckContext, GraderResponse } from '../../../src/harness/index.ts';
import { byteDifference } from '../../shared/http/bytes.ts';
import type { SiteFile } from '../support/site.ts';
import {
	describeFile,
	expectNotForwarded,
	mediaType,
	type Tier,
	withTier,
} from '../support/tier.ts';

const REDIRECTS = [301, 302, 307, 308];

function expectFile(ctx: CheckContext, res: GraderResponse, path: string, file: SiteFile): void {
	const type = mediaType(res);
	if (res.status !== 200 || type !== 'text/html') {
		ctx.fail(
			`Expected status 200 and Content-Type text/html for GET ${path} (${file.url}), got ${res.status} with ${type ?? 'no Content-Type'}`,
			res.request,
		);
	}
	const difference = byteDifference(res.body, file.bytes);
	if (difference)
		ctx.fail(
			`Expected GET ${path} to answer ${describeFile(file)}, got ${difference}`,
			res.request,
		);
}

/** True when the response redirects to `target`; Location may be a path or a whole URL. */
function redirectsTo(tier: Tier, res: GraderResponse, target: string): boolean {
	const location = res.headers['location'];
	if (!REDIRECTS.includes(res.status) || typeof location !== 'string') return false;
	return new URL(location, tier.program.url).href === new URL(target, tier.program.url).href;
}

function expect404(ctx: CheckContext, res: GraderResponse, path: string, why: string): void {
	if (res.status !== 404) {
		ctx.fail(`Expected status 404 for GET ${path} (${why}), got ${res.status}`, res.request);
	}
}

export const servesIndex: Check = {
	id: 'serves-index',
	title: 'A folder path serves the index.html inside it; a folder without one is 404',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			for (const [path, file] of tier.site.indexes) {
				const res = await tier.send({ path });
				expectNotForwarded(ctx, tier, res, path);
				expectFile(ctx, res, path, file);
				if (path === '/') continue;
				const bare = path.slice(0, -1);
				const short = await tier.send({ path: bare });
				if (!redirectsTo(tier, short, path)) expectFile(ctx, short, bare, file);
			}
			const folder = tier.site.bareFolder;
			expect404(
				ctx,
				await tier.send({ path: `${folder}/` }),
				`${folder}/`,
				'a folder with no index.html',
			);
			const short = await tier.send({ path: folder });
			if (!redirectsTo(tier, short, `${folder}/`)) {
				expect404(ctx, short, folder, 'a folder with no index.html');
			}
		});
	},
};

export const missing404: Check = {
	id: 'missing-404',
	title: 'A path that names no file answers 404, and the server keeps serving',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			const { word, id } = ctx.random;
			const [nested] = [...tier.site.indexes.keys()].filter((path) => path !== '/');
			const file = ctx.random.pick(
				tier.site.files.filter((one) => !tier.site.encoded.includes(one)),
			);
			const paths: [string, string][] = [
				[`/${id(word(4))}.html`, 'no such file'],
				[`${nested ?? '/'}${id(word(3))}.css`, 'no such file in an existing folder'],
				[`/${id(word(5))}/${word(4)}.txt`, 'no such folder'],
				[`/${id(word(5))}/`, 'no such folder'],
				[`${file.url}/${word(4)}`, 'a file used as a folder'],
			];
			for (const [path, why] of ctx.random.shuffle(paths)) {
				const res = await tier.send({ path });
				expectNotForwarded(ctx, tier, res, path);
				expect404(ctx, res, path, why);
			}
			const again = await tier.send({ path: file.url, timeoutMs: 4000 });
			if (again.status !== 200) {
				ctx.fail(
					`Expected status 200 for GET ${file.url} after the 404s, got ${again.status}`,
					again.request,
				);
			}
		});
	},
};
