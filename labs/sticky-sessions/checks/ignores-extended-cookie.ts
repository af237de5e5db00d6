import type { Check } from '../../../src/harness/index.ts';
import { nextAfter } from '../../shared/balancer/rotation.ts';
import { expectAffinityCookie } from '../support/affinity-cookie.ts';
import { Session, cookieName, startSticky } from '../support/session.ts';

/** Characters a cookie value may hold, appended to an issued value: they catch a balancer that
 * matches the start of the value or parses a number out of it. An `=`, always sent first, catches
 * one that splits the pair on every `=`. */
const SUFFIXES = ['0', '1', 'x', '.0', '-'];

/** An issued value with characters appended was never issued, so it counts as no cookie: the
 * request takes the next turn of the rotation like any new client. No request in this check
 * carries a valid cookie, so the turns follow each other without doubt. */
export const ignoresExtendedCookie: Check = {
	id: 'ignores-extended-cookie',
	title: 'An issued affinity value with characters appended counts as no cookie',
	timeoutMs: 10_000,
	async run(ctx) {
		const { pool, name } = await startSticky(ctx, cookieName(ctx));
		const first = await new Session(ctx, pool, name).visit();
		expectAffinityCookie(ctx, first, name, 'to a request without cookies');
		const issued =
			first.setting
				?.split(';')[0]
				?.slice(name.length + 1)
				.trim() ?? '';
		let previous = first.backend;
		// The first tampered request comes right after the placement, so its turn is never the
		// backend its value names, and it always carries an `=`.
		const equals = ctx.random.pick(['=', '==', `=${ctx.random.word(3)}`]);
		for (const suffix of [equals, ...ctx.random.shuffle(SUFFIXES).slice(0, 2)]) {
			const client = new Session(ctx, pool, name, [`sid=${ctx.random.id('s')}`]);
			client.affinity = `${issued}${suffix}`;
			const visit = await client.visit();
			const expected = nextAfter(previous, pool.backends);
			if (visit.backend !== expected) {
				ctx.fail(
					`Expected a request with ${name}=${issued}${suffix}, a value never issued, to be placed like one without cookie on backend ${expected.number} (the turn after backend ${previous.number}), got backend ${visit.backend.number} (${issued} names backend ${first.backend.number})`,
					visit.response.request,
				);
			}
			expectAffinityCookie(ctx, visit, name, `to a request with ${name}=${issued}${suffix}`);
			previous = visit.backend;
		}
	},
};
