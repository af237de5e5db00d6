// POST /orders is the only request that needs the token, and it is checked before anything else.
import {
	expectHeader,
	expectJsonError,
	type Check,
	type CheckContext,
} from '../../../src/harness/index.ts';
import { expectStatusFor, startApi, type Api } from '../support/api.ts';

const JSON_TYPE = { 'Content-Type': 'application/json' };

async function expectUnauthorised(
	ctx: CheckContext,
	api: Api,
	body: string,
	authorization: string | undefined,
	what: string,
): Promise<void> {
	const headers =
		authorization === undefined ? JSON_TYPE : { ...JSON_TYPE, Authorization: authorization };
	const res = await api.post(body, { headers });
	expectStatusFor(ctx, res, 401, `POST /orders ${what}`);
	expectJsonError(res, 401);
	expectHeader(
		res,
		'www-authenticate',
		(value) => value.startsWith('Bearer'),
		'a value starting with "Bearer"',
	);
}

export const requiresToken: Check = {
	id: 'requires-token',
	title:
		'POST /orders without exactly "Authorization: Bearer <API_TOKEN>" answers 401 and WWW-Authenticate',
	async run(ctx) {
		const api = await startApi(ctx);
		const body = JSON.stringify({ productId: api.anyProduct().id, quantity: 1 });
		const { token } = api;
		// Near misses catch programs that only look for the word Bearer, or compare a prefix.
		const attempts: [string | undefined, string][] = [
			[undefined, 'without Authorization'],
			[`Bearer ${ctx.random.word(12)}`, 'with a wrong token'],
			[`Bearer ${token.slice(0, -1)}`, 'with the token missing its last character'],
			[`Bearer ${token}${ctx.random.word(1)}`, 'with a character added to the token'],
			[`Basic ${token}`, 'with the token under the Basic scheme'],
			[token, 'with the token but no "Bearer " scheme'],
		];
		for (const [authorization, what] of attempts) {
			await expectUnauthorised(ctx, api, body, authorization, what);
		}
	},
};

export const tokenCheckedFirst: Check = {
	id: 'token-checked-first',
	title: 'Without the right token, POST /orders answers 401 whatever its body',
	async run(ctx) {
		const api = await startApi(ctx);
		const bodies: [string, string][] = [
			[`{"productId": "${api.anyProduct().id}", `, 'a body that is not JSON'],
			['{}', 'an empty JSON object'],
			[JSON.stringify({ productId: ctx.random.id('p'), quantity: 1 }), 'an unknown product'],
			[JSON.stringify({ productId: api.anyProduct().id, quantity: 0 }), 'quantity 0'],
		];
		for (const [body, what] of bodies) {
			await expectUnauthorised(ctx, api, body, undefined, `without Authorization and with ${what}`);
			await expectUnauthorised(
				ctx,
				api,
				body,
				`Bearer ${ctx.random.word(12)}`,
				`with a wrong token and ${what}`,
			);
		}
	},
};
