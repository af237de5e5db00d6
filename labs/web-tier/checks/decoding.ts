// Request paths are percent-decoded once before they name a file, and the query string is ignored.
import type { Check } from '../../../src/harness/index.ts';
import { byteDifference } from '../../shared/http/bytes.ts';
import { expectAllRefused } from '../support/refused.ts';
import { describeFile, mediaType, withTier } from '../support/tier.ts';
import { sameMediaType } from '../support/site.ts';

export const decodesPaths: Check = {
	id: 'decodes-paths',
	title: 'Percent-encoded names are decoded once, and a query string does not change the file',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			const { word, int } = ctx.random;
			const plain = tier.site.files.filter((file) => !tier.site.encoded.includes(file));
			const withQuery = ctx.random.pick(plain);
			const requests = [
				...tier.site.encoded.map((file) => ({
					file,
					path: file.url,
					why: 'a percent-encoded name',
				})),
				{
					file: withQuery,
					path: `${withQuery.url}?${word(3)}=${int(1, 99)}&${word(2)}=%2F${word(3)}`,
					why: 'a query string',
				},
			];
			for (const { file, path, why } of ctx.random.shuffle(requests)) {
				const res = await tier.send({ path, timeoutMs: 4000 });
				const type = mediaType(res);
				if (res.status !== 200 || !sameMediaType(file.type, type)) {
					ctx.fail(
						`Expected status 200 and Content-Type ${file.type} for GET ${path} (${why}), got ${res.status} with ${type ?? 'no Content-Type'}`,
						res.request,
					);
				}
				const difference = byteDifference(res.body, file.bytes);
				if (difference)
					ctx.fail(
						`Expected GET ${path} (${why}) to answer ${describeFile(file)}, got ${difference}`,
						res.request,
					);
			}
		});
	},
};

export const rejectsBadEncoding: Check = {
	id: 'rejects-bad-encoding',
	title:
		'Malformed percent-encoding or an encoded NUL byte is refused, and the server keeps serving',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			const { word } = ctx.random;
			await expectAllRefused(ctx, tier, [
				[`/${word(4)}%E0%A4%A.txt`, 'a cut-off UTF-8 sequence'],
				[`/%zz${word(4)}.html`, 'a % not followed by two hex digits'],
				[`/${word(5)}%.css`, 'a lone %'],
				[`/index.html%00.${word(3)}`, 'an encoded NUL byte'],
			]);
		});
	},
};
