// What "refused" means for a path that is malformed or tries to leave PUBLIC_DIR: 400, 403 or 404,
// and never a byte of a file outside the folder.
import type { CheckContext, GraderResponse } from '../../../src/harness/index.ts';
import type { Secret } from './site.ts';
import type { Tier } from './tier.ts';

export const REFUSALS = [400, 403, 404];

/** Fails when the response holds a secret, or has a status other than a refusal. */
export function expectRefused(
	ctx: CheckContext,
	res: GraderResponse,
	why: string,
	secrets: Secret[],
): void {
	const text = new TextDecoder().decode(res.body);
	const leaked = secrets.find((secret) => text.includes(secret.token));
	const what = `${res.request.method} ${pathOf(res)}`;
	if (leaked) {
		ctx.fail(
			`Expected a refusal (400, 403 or 404) for ${what} (${why}), got ${res.status} with the contents of ${leaked.path}, a file outside PUBLIC_DIR`,
			res.request,
		);
	}
	if (!REFUSALS.includes(res.status)) {
		ctx.fail(
			`Expected status 400, 403 or 404 for ${what} (${why}), got ${res.status}`,
			res.request,
		);
	}
}

/** Sends each attack, expects it refused, then makes sure the server still serves a real file. */
export async function expectAllRefused(
	ctx: CheckContext,
	tier: Tier,
	attacks: [string, string][],
): Promise<void> {
	for (const [path, why] of ctx.random.shuffle(attacks)) {
		const res = await tier.send({ path });
		expectRefused(ctx, res, why, tier.site.secrets);
	}
	const file = tier.site.apiLookalike;
	const res = await tier.send({ path: file.url });
	if (res.status !== 200) {
		ctx.fail(
			`Expected status 200 for GET ${file.url} after the refused requests, got ${res.status}`,
			res.request,
		);
	}
}

/** The request target as sent, query string included. */
export function pathOf(res: GraderResponse): string {
	return res.request.url.replace(/^https?:\/\/[^/]+/, '');
}
