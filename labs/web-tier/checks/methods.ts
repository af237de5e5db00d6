// Static paths answer GET and HEAD only: HEAD gives GET's status and type without a body, and any
// other method is 405 with an Allow header, whether a file is there or not.
import type { Check } from '../../../src/harness/index.ts';
import { byteDifference } from '../../shared/http/bytes.ts';
import { expectNotForwarded, mediaType, withTier } from '../support/tier.ts';
import { sameMediaType } from '../support/site.ts';

const OTHER_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const TAKES_BODY = new Set(['POST', 'PUT', 'PATCH']);

export const headRequests: Check = {
	id: 'head-requests',
	title: 'HEAD answers like GET, with the same status and Content-Type and no body',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			const plain = tier.site.files.filter((file) => !tier.site.encoded.includes(file));
			const picked = ctx.random.shuffle(plain).slice(0, 4);
			const requests = [
				...picked.map((file) => ({ path: file.url, status: 200, type: file.type })),
				{ path: '/', status: 200, type: 'text/html' },
				{ path: `/${ctx.random.id(ctx.random.word(4))}.css`, status: 404, type: undefined },
			];
			for (const { path, status, type } of requests) {
				const res = await tier.send({ method: 'HEAD', path });
				expectNotForwarded(ctx, tier, res, path);
				const got = mediaType(res);
				if (res.status !== status || (type !== undefined && !sameMediaType(type, got))) {
					const wanted =
						type === undefined ? `status ${status}` : `status ${status} and Content-Type ${type}`;
					ctx.fail(
						`Expected ${wanted} for HEAD ${path}, got ${res.status} with ${got ?? 'no Content-Type'}`,
						res.request,
					);
				}
				if (res.body.length > 0)
					ctx.fail(`Expected no body for HEAD ${path}, got ${res.body.length} bytes`, res.request);
			}
		});
	},
};

export const methodNotAllowed: Check = {
	id: 'method-not-allowed',
	title: 'Other methods on a static path answer 405 with Allow listing GET and HEAD',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			const plain = tier.site.files.filter((file) => !tier.site.encoded.includes(file));
			const file = ctx.random.pick(plain);
			const paths = [file.url, '/', `/${ctx.random.id(ctx.random.word(4))}.html`];
			for (const method of ctx.random.shuffle(OTHER_METHODS)) {
				for (const path of paths) {
					const body = TAKES_BODY.has(method) ? `{"note":"${ctx.random.word(6)}"}` : undefined;
					const res = await tier.send({
						method,
						path,
						...(body !== undefined && { body, headers: { 'Content-Type': 'application/json' } }),
					});
					expectNotForwarded(ctx, tier, res, path);
					if (res.status !== 405)
						ctx.fail(`Expected status 405 for ${method} ${path}, got ${res.status}`, res.request);
					const allow = res.headers['allow'];
					const listed = String(allow ?? '')
						.split(',')
						.map((token) => token.trim().toUpperCase());
					if (!listed.includes('GET') || !listed.includes('HEAD')) {
						const got = allow === undefined ? 'no Allow header' : `Allow: ${String(allow)}`;
						ctx.fail(
							`Expected an Allow header listing GET and HEAD for ${method} ${path}, got ${got}`,
							res.request,
						);
					}
				}
			}
			const after = await tier.send({ path: file.url, timeoutMs: 4000 });
			const difference = byteDifference(after.body, file.bytes);
			if (after.status !== 200 || difference) {
				ctx.fail(
					`Expected GET ${file.url} to still answer 200 with the file unchanged after the refused methods, got ${after.status} with ${difference ?? 'the same bytes'}`,
					after.request,
				);
			}
		});
	},
};
