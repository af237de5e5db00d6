// The admin API is an operator's tool, and typos happen: a body it cannot read is a 400, a
// backend it does not know is a 404, each with a JSON error, and neither changes anything.
import { expectJsonError, type Check, type CheckContext } from '../../../src/harness/index.ts';
import { expectEntry, readBackends } from '../support/admin.ts';
import { withFarm } from '../support/backends.ts';

export const rejectsBadAdminInput: Check = {
	id: 'rejects-bad-admin-input',
	title: 'A bad drain or undrain gets 400 or 404 with a JSON error, and changes nothing',
	timeoutMs: 10_000,
	async run(ctx: CheckContext) {
		await withFarm(ctx, async (farm) => {
			const { pick, word, int } = ctx.random;
			const url = pick(farm.backends).url;
			const action = () => pick(['drain', 'undrain']);
			const cases = ctx.random.shuffle([
				{
					action: action(),
					body: `{"backend": "${url}"`,
					status: 400,
					what: 'a body that is not JSON',
				},
				{
					action: action(),
					body: JSON.stringify({ url }),
					status: 400,
					what: 'no "backend" field',
				},
				{
					action: action(),
					body: JSON.stringify({ backend: int(1, 9) }),
					status: 400,
					what: 'a "backend" that is not a string',
				},
				{ action: action(), body: JSON.stringify([url]), status: 400, what: 'an array for a body' },
				{
					action: 'drain',
					body: JSON.stringify({ backend: `${url}/` }),
					status: 404,
					what: 'a backend URL with a trailing slash, not as BACKENDS spells it',
				},
				{
					action: action(),
					body: JSON.stringify({ backend: `http://${word(6)}.example:${int(1025, 9999)}` }),
					status: 404,
					what: 'a backend URL that is not in BACKENDS',
				},
			]);
			for (const one of cases) {
				const response = await ctx.request(farm.program, {
					method: 'POST',
					path: `/admin/${one.action}`,
					headers: { 'Content-Type': 'application/json' },
					body: one.body,
				});
				if (response.status !== one.status) {
					ctx.fail(
						`Expected ${one.status} for POST /admin/${one.action} with ${one.what} (${one.body}), got ${response.status}`,
						response.request,
					);
				}
				expectJsonError(response, one.status);
			}
			const entries = await readBackends(ctx, farm);
			farm.backends.forEach((backend, index) => {
				expectEntry(
					ctx,
					farm,
					backend,
					entries[index]!,
					{ state: 'active', inFlight: 0 },
					`after ${cases.length} bad drain and undrain requests, which must change nothing`,
				);
			});
		});
	},
};
