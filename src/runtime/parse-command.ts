import type { LabFiles, RuntimeCommand } from '../shared/protocol.ts';

/** The outcome of reading one command: the command, or a one-line reason it was refused. */
export type ParsedCommand = { ok: true; command: RuntimeCommand } | { ok: false; error: string };

const BACKEND_ACTIONS = ['stop', 'start', 'slow', 'normal'] as const;

/** Checks that a decoded JSON value is a `RuntimeCommand`. The page is trusted code, but the same
 * parser guards the local runtime's HTTP surface and the WebContainer's stdin, so a malformed
 * message is refused with a reason instead of failing somewhere deeper. */
export function parseCommand(value: unknown): ParsedCommand {
	if (!isRecord(value)) return refuse('A command must be a JSON object');
	switch (value['type']) {
		case 'run': {
			const files = labFiles(value['files']);
			if (!isLabId(value['lab'])) return refuse('"run" needs a "lab" id');
			if (!files) return refuse('"run" needs "files": an object of path to text');
			return { ok: true, command: { type: 'run', lab: value['lab'], files } };
		}
		case 'stop':
			return { ok: true, command: { type: 'stop' } };
		case 'request': {
			const { id, method, path, headers, body } = value;
			if (typeof id !== 'string' || id === '') return refuse('"request" needs a string "id"');
			if (typeof method !== 'string') return refuse('"request" needs a "method"');
			if (typeof path !== 'string') return refuse('"request" needs a "path"');
			if (!isStringRecord(headers))
				return refuse('"request" needs "headers": an object of strings');
			if (body !== undefined && typeof body !== 'string') return refuse('"body" must be a string');
			const command: RuntimeCommand = { type: 'request', id, method, path, headers };
			if (body !== undefined) command.body = body;
			return { ok: true, command };
		}
		case 'backend': {
			const { index, action } = value;
			if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
				return refuse('"backend" needs a whole-number "index"');
			}
			const known = BACKEND_ACTIONS.find((name) => name === action);
			if (!known) return refuse(`"backend" needs an "action": ${BACKEND_ACTIONS.join(', ')}`);
			return { ok: true, command: { type: 'backend', index, action: known } };
		}
		case 'check': {
			const files = labFiles(value['files']);
			const seed = value['seed'];
			if (!isLabId(value['lab'])) return refuse('"check" needs a "lab" id');
			if (!files) return refuse('"check" needs "files": an object of path to text');
			if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed))) {
				return refuse('"seed" must be a whole number');
			}
			const command: RuntimeCommand = { type: 'check', lab: value['lab'], files };
			if (seed !== undefined) command.seed = seed;
			return { ok: true, command };
		}
		case 'replay': {
			const { lab, check, seed } = value;
			const files = labFiles(value['files']);
			if (!isLabId(lab)) return refuse('"replay" needs a "lab" id');
			if (!files) return refuse('"replay" needs "files": an object of path to text');
			if (typeof check !== 'string' || check === '') return refuse('"replay" needs a "check" id');
			if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0) {
				return refuse('"replay" needs the run\'s "seed": a whole number');
			}
			return { ok: true, command: { type: 'replay', lab, files, seed, check } };
		}
		default:
			return refuse(`Unknown command type ${JSON.stringify(value['type'] ?? null)}`);
	}
}

function refuse(error: string): ParsedCommand {
	return { ok: false, error };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
	return isRecord(value) && Object.values(value).every((item) => typeof item === 'string');
}

function isLabId(value: unknown): value is string {
	return typeof value === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);
}

function labFiles(value: unknown): LabFiles | undefined {
	return isStringRecord(value) ? { ...value } : undefined;
}
