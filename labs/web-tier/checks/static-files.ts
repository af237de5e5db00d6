// Files under PUBLIC_DIR come back as they are on disk, with a Content-Type chosen by extension.
import type { Check } from '../../../src/harness/index.ts';
import { byteDifference } from '../../shared/http/bytes.ts';
import { sameMediaType, type Site, type SiteFile } from '../support/site.ts';
import { describeFile, expectNotForwarded, mediaType, withTier } from '../support/tier.ts';

/** The files whose names need no percent-encoding; the encoded ones have a check of their own. */
function plainFiles(site: Site): SiteFile[] {
	return site.files.filter((file) => !site.encoded.includes(file));
}

export const servesFiles: Check = {
	id: 'serves-files',
	title: 'GET of a file under PUBLIC_DIR answers 200 with its exact bytes',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			for (const file of ctx.random.shuffle(plainFiles(tier.site))) {
				const res = await tier.send({ path: file.url, timeoutMs: 4000 });
				if (res.status !== 200) {
					ctx.fail(`Expected status 200 for GET ${file.url}, got ${res.status}`, res.request);
				}
				expectNotForwarded(ctx, tier, res, file.url);
				const difference = byteDifference(res.body, file.bytes);
				if (difference) {
					ctx.fail(
						`Expected GET ${file.url} to answer ${describeFile(file)}, got ${difference}`,
						res.request,
					);
				}
			}
		});
	},
};

export const contentTypes: Check = {
	id: 'content-types',
	title:
		'Each file comes with the Content-Type of its extension, application/octet-stream if unknown',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			for (const file of ctx.random.shuffle(plainFiles(tier.site))) {
				const res = await tier.send({ path: file.url, timeoutMs: 4000 });
				const type = mediaType(res);
				if (res.status !== 200 || !sameMediaType(file.type, type)) {
					const got = type === undefined ? 'no Content-Type' : `Content-Type ${type}`;
					ctx.fail(
						`Expected status 200 and Content-Type ${file.type} for GET ${file.url}, got ${res.status} with ${got}`,
						res.request,
					);
				}
			}
		});
	},
};
