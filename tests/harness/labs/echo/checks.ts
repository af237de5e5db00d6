// A small lab over the `echo` fixture program, for tests of the grader command line and the bundle.
import { defineLab, expectJson, expectStatus } from '../../../../src/harness/index.ts';

export default defineLab({
	id: 'echo',
	title: 'Echo',
	entry: 'server.js',
	checks: [
		{
			id: 'answers-json',
			title: 'Answers a request with JSON naming its path',
			async run(ctx) {
				const program = await ctx.start();
				const path = `/${ctx.random.word()}?q=${ctx.random.int(1, 999)}`;
				const res = await ctx.request(program, { path });
				expectStatus(res, 200);
				const body = expectJson(res) as { path?: unknown };
				if (body.path !== path)
					ctx.fail(`Expected path ${path} in the body, got ${String(body.path)}`, res.request);
			},
		},
		{
			id: 'reads-grader-file',
			title: 'Reads the data file the grader writes into its folder',
			async run(ctx) {
				const token = ctx.random.id('t');
				const program = await ctx.start({ files: { 'data.json': JSON.stringify({ token }) } });
				const res = await ctx.request(program, { path: '/' });
				const body = expectJson(res) as { data?: { token?: unknown } };
				if (body.data?.token !== token)
					ctx.fail(`Expected token ${token}, got ${String(body.data?.token)}`, res.request);
			},
		},
		{
			id: 'reports-figure',
			title: 'Reports a figure',
			async run(ctx) {
				ctx.figure('answers', { first: 1, second: 2 });
				const program = await ctx.start({ env: { GREETING: 'hi' } });
				const body = expectJson(await ctx.request(program, { path: '/g' })) as {
					greeting?: unknown;
				};
				if (body.greeting !== 'hi') ctx.fail(`Expected greeting hi, got ${String(body.greeting)}`);
			},
		},
	],
});
