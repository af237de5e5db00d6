// Paths under /admin/ belong to the balancer: known or not, right method or not, none of them is
// ever passed to a backend, where it could reach an application's own /admin/.
import {
	expectJsonError,
	type Check,
	type GraderRequest,
	type CheckContext,
} from '../../../src/harness/index.ts';
import { type Farm, numbers, withFarm } from '../support/backends.ts';

interface Probe {
	request: GraderRequest;
	/** The status the balancer must answer with. */
	status: number;
	/** Whether the answer must be a JSON error. */
	jsonError: boolean;
}

function probes(ctx: CheckContext, farm: Farm): Probe[] {
	const { word, id, pick } = ctx.random;
	const json = { 'Content-Type': 'application/json' };
	const url = pick(farm.backends).url;
	return ctx.random.shuffle([
		{ request: { path: `/admin/${word(6)}` }, status: 404, jsonError: true },
		{
			request: { method: 'POST', path: `/admin/${word(5)}/${id('x')}`, headers: json, body: '{}' },
			status: 404,
			jsonError: true,
		},
		{ request: { path: '/admin/drain' }, status: 405, jsonError: false },
		{
			request: { method: pick(['DELETE', 'PUT']), path: '/admin/backends' },
			status: 405,
			jsonError: false,
		},
		{
			request: {
				method: 'PUT',
				path: '/admin/undrain',
				headers: json,
				body: JSON.stringify({ backend: url }),
			},
			status: 405,
			jsonError: false,
		},
		{ request: { path: `/admin/backends?${word(4)}=${word(3)}` }, status: 200, jsonError: false },
	]);
}

export const adminNotProxied: Check = {
	id: 'admin-not-proxied',
	title: 'Requests under /admin/ are answered by the balancer and never reach a backend',
	timeoutMs: 10_000,
	async run(ctx: CheckContext) {
		await withFarm(ctx, async (farm) => {
			for (const { request, status, jsonError } of probes(ctx, farm)) {
				const response = await ctx.request(farm.program, request);
				const label = `${request.method ?? 'GET'} ${request.path}`;
				const reached = farm.backends.filter((backend) =>
					backend.arrivals.some((arrival) => arrival.path.startsWith('/admin')),
				);
				if (reached.length > 0) {
					ctx.fail(
						`Expected ${label} to be answered by the balancer itself, but it was sent on to ${numbers(reached)}`,
						response.request,
					);
				}
				if (response.status !== status) {
					ctx.fail(
						`Expected status ${status} for ${label}, got ${response.status}`,
						response.request,
					);
				}
				if (jsonError) expectJsonError(response, status);
			}
		});
	},
};
