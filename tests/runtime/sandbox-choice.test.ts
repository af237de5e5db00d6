// What `npm start` decides about the sandbox from RUNTIME_SANDBOX and from what this machine can do;
// the machine is stood in for, so every case runs anywhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseSandbox } from '../../src/runtime/sandbox-choice.ts';
import { INSTALL, type Support } from '../../src/sandbox/probe.ts';

const able: Support = { ok: true, bwrap: '/usr/bin/bwrap' };
const unable: Support = { ok: false, why: `bwrap was not found on the PATH: ${INSTALL}` };

describe('npm start and the sandbox', () => {
	it('runs lab programs in the sandbox by default where it can start', () => {
		const choice = chooseSandbox(undefined, () => able);
		assert.ok('sandbox' in choice && choice.sandbox === able);
	});

	it('runs without it where it cannot start, and says why and what to install', () => {
		const choice = chooseSandbox(undefined, () => unable);
		assert.ok('sandbox' in choice && choice.sandbox === undefined);
		assert.match(choice.note, /without the sandbox.*install bubblewrap/);
	});

	it('runs without it when RUNTIME_SANDBOX=0, without asking the machine', () => {
		const choice = chooseSandbox('0', () => assert.fail('the machine was probed'));
		assert.ok('sandbox' in choice && choice.sandbox === undefined);
		assert.match(choice.note, /RUNTIME_SANDBOX=0/);
	});

	it('refuses to start when RUNTIME_SANDBOX=1 asks for a sandbox that cannot start', () => {
		const choice = chooseSandbox('1', () => unable);
		assert.ok('refuse' in choice);
		assert.match(choice.refuse, /install bubblewrap/);
		assert.ok('sandbox' in chooseSandbox('1', () => able));
	});

	it('refuses a RUNTIME_SANDBOX that is neither 0 nor 1', () => {
		assert.ok('refuse' in chooseSandbox('yes', () => able));
	});
});
