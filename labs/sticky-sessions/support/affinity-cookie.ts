// Judging the affinity cookie a balancer sets: its name, its attributes and its value.
import type { CheckContext } from '../../../src/harness/index.ts';
import type { Visit } from './session.ts';

/** Fails unless `visit`'s answer set cookie `name` with a value, `Path=/` and `HttpOnly`. */
export function expectAffinityCookie(ctx: CheckContext, visit: Visit, name: string, why: string) {
	const { setting, response } = visit;
	const got = response.headers['set-cookie'];
	const shown = got === undefined ? 'no Set-Cookie header' : `Set-Cookie ${JSON.stringify(got)}`;
	if (setting === undefined) {
		ctx.fail(
			`Expected Set-Cookie: ${name}=<value> in the answer ${why}, but it had ${shown}`,
			response.request,
		);
	}
	const [pair = '', ...attributes] = setting.split(';').map((part) => part.trim());
	if (pair.slice(name.length + 1) === '') {
		ctx.fail(
			`Expected the ${name} cookie set ${why} to have a value, got Set-Cookie: ${setting}`,
			response.request,
		);
	}
	const has = (wanted: RegExp) => attributes.some((attribute) => wanted.test(attribute));
	if (!has(/^path\s*=\s*\/$/i) || !has(/^httponly$/i)) {
		ctx.fail(
			`Expected the ${name} cookie set ${why} to carry Path=/ and HttpOnly, got Set-Cookie: ${setting}`,
			response.request,
		);
	}
}
