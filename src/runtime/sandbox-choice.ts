// Whether `npm start`'s local runtime runs lab programs in the sandbox. It does by default wherever
// the sandbox can start (Linux with bubblewrap and user namespaces), for Check and Run presses
// alike. Where it cannot, the runtime still runs, since a learner on macOS or Windows running their
// own code on their own machine is the common case, and says once why and what to install.
// RUNTIME_SANDBOX=0 turns it off on purpose; RUNTIME_SANDBOX=1 insists on it, for a machine that
// serves the course to others, and refuses to start without it rather than quietly run unguarded.
import { sandboxSupport, type Support } from '../sandbox/probe.ts';

export type SandboxChoice =
	| { sandbox: Extract<Support, { ok: true }>; note: string }
	| { sandbox: undefined; note: string }
	| { refuse: string };

/** Decides from RUNTIME_SANDBOX's value; `note` is the one line to print at start. */
export function chooseSandbox(
	setting: string | undefined,
	probe: () => Support = sandboxSupport,
): SandboxChoice {
	if (setting === '0') {
		return {
			sandbox: undefined,
			note: 'RUNTIME_SANDBOX=0: lab programs run without the sandbox, as you and with your rights.',
		};
	}
	if (setting !== undefined && setting !== '' && setting !== '1') {
		return { refuse: `RUNTIME_SANDBOX must be 0 (off) or 1 (required), not "${setting}".` };
	}
	const support = probe();
	if (support.ok) {
		return { sandbox: support, note: 'Lab programs run in a sandbox (bubblewrap).' };
	}
	if (setting === '1') {
		return { refuse: `RUNTIME_SANDBOX=1, but the sandbox cannot start here: ${support.why}.` };
	}
	return {
		sandbox: undefined,
		note: `Lab programs run without the sandbox, as you and with your rights: ${support.why}.`,
	};
}
