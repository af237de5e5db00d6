// The grader plants secret files beside PUBLIC_DIR and asks for them every way a path can climb
// out of a folder. Each request is sent byte for byte, dot segments and backslashes included.
import { basename } from 'node:path';
import type { Check } from '../../../src/harness/index.ts';
import type { Site } from '../support/site.ts';
import { expectAllRefused } from '../support/refused.ts';
import { withTier } from '../support/tier.ts';

/** The two secrets as paths relative to the folder that holds PUBLIC_DIR. */
function targets(site: Site): { beside: string; sibling: string } {
	const [beside, inSibling] = site.secrets;
	return {
		beside: basename(beside?.path ?? ''),
		sibling: `${site.sibling}/${basename(inSibling?.path ?? '')}`,
	};
}

export const blocksDotSegments: Check = {
	id: 'blocks-dot-segments',
	title: 'Paths with .. segments never reach a file outside PUBLIC_DIR',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			const { beside, sibling } = targets(tier.site);
			const [nested] = [...tier.site.indexes.keys()].filter((path) => path !== '/');
			const deep = '/..'.repeat(12);
			await expectAllRefused(ctx, tier, [
				[`/../${beside}`, 'one level up'],
				[`${nested ?? '/'}../../${beside}`, 'down one folder, then up two'],
				[`${deep}${tier.site.secrets[0]?.path ?? ''}`, 'up to the root, then down to the file'],
				[
					`/../${sibling}`,
					`into ${tier.site.sibling}, a folder beside PUBLIC_DIR whose name starts the same`,
				],
			]);
		});
	},
};

export const blocksEncodedTraversal: Check = {
	id: 'blocks-encoded-traversal',
	title: 'Encoded dots, encoded slashes and backslashes never reach a file outside PUBLIC_DIR',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			const { beside, sibling } = targets(tier.site);
			const encodedSibling = sibling.replace('/', '%2F');
			await expectAllRefused(ctx, tier, [
				[`/%2e%2e/${beside}`, 'encoded dots'],
				[`/.%2E/${sibling}`, 'one dot encoded'],
				[`/..%2f${beside}`, 'an encoded slash'],
				[`/%2e%2e%2F${encodedSibling}`, 'dots and slashes all encoded'],
				[`/..%5c${beside}`, 'an encoded backslash'],
				[`/..\\${beside}`, 'a backslash'],
				[`/%252e%252e%252f${beside}`, 'encoded twice, which must be decoded only once'],
			]);
		});
	},
};

export const blocksAbsolutePaths: Check = {
	id: 'blocks-absolute-paths',
	title: 'A path that names an absolute file path never reaches a file outside PUBLIC_DIR',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			const [secret] = tier.site.secrets;
			const absolute = secret?.path ?? '/';
			await expectAllRefused(ctx, tier, [
				[`/${absolute}`, 'an absolute path after the first slash'],
				[`/${absolute.replaceAll('/', '%2F')}`, 'an absolute path with encoded slashes'],
				[`/%2F${absolute.slice(1)}`, 'a second slash, encoded'],
			]);
		});
	},
};
