// A compile cache for the harness that a sandbox starts. Each Check press of the local runtime
// starts Node afresh in a new sandbox, and Node compiles the harness, the grader and the lab's
// checks from their sources every time: on a busy two-core machine that was most of the wait for a
// first result. Node can keep the compiled code in a folder (NODE_COMPILE_CACHE), checked against
// each source file, so a changed file is compiled again.
//
// A learner's program must never write to a folder that a later harness loads code from. So the
// cache is filled only by a warm-up, a sandbox that loads a lab's checks and stops before any
// program starts (the grader with a check id that no lab has), and every grading sandbox binds it
// read-only. Once filled, the folder belongs to the runtime's user again, so that the sandbox's
// user (nobody, for a runtime started as root) cannot change it between runs either.
import { chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Support } from './probe.ts';
import { runSandbox } from './run.ts';
import { openToNobody, stagingBase } from './staging.ts';

/** The check id the warm-up asks for: no lab has one by that name, so the grader stops at it. */
const NO_CHECK = 'compile-cache-warm-up';
/** A warm-up loads code and stops; this bounds one that does not. */
const WARM_UP_DEADLINE_MS = 60_000;
/** The uid and gid of `nobody`, whom a sandbox started by root runs as (probe.ts). */
const NOBODY = 65534;

export class CompileCache {
	readonly #support: Extract<Support, { ok: true }>;
	readonly #root: string;
	readonly #dir: string;
	/** Labs whose checks have been compiled into the cache, or are being. */
	readonly #asked = new Set<string>();
	/** Warm-ups run one after another, so two never write the folder at once. */
	#queue: Promise<void> = Promise.resolve();
	#filled = false;
	#closed = false;

	constructor(support: Extract<Support, { ok: true }>, tmpRoot = tmpdir()) {
		this.#support = support;
		const asNobody = support.setpriv !== undefined;
		this.#root = mkdtempSync(join(stagingBase(tmpRoot, asNobody), 'compile-cache-'));
		this.#dir = join(this.#root, 'cache');
		mkdirSync(this.#dir);
		if (asNobody) openToNobody(this.#root);
	}

	/** The folder to bind read-only, once a warm-up has filled it; until then, none. */
	get dir(): string | undefined {
		return this.#filled && !this.#closed ? this.#dir : undefined;
	}

	/** Compiles the harness and `lab`'s checks into the cache, in the background, once per lab.
	 * Resolves when that warm-up is done; it never rejects, since a cache is only a saving. */
	warm(lab: string): Promise<void> {
		if (this.#asked.has(lab) || this.#closed) return this.#queue;
		this.#asked.add(lab);
		this.#queue = this.#queue.then(() => this.#warmUp(lab)).catch(() => {});
		return this.#queue;
	}

	/** Removes the folder, after any warm-up under way. */
	async close(): Promise<void> {
		this.#closed = true;
		await this.#queue;
		rmSync(this.#root, { recursive: true, force: true, maxRetries: 3 });
	}

	async #warmUp(lab: string): Promise<void> {
		if (this.#closed) return;
		const asNobody = this.#support.setpriv !== undefined;
		const empty = join(this.#root, `empty-${lab}`);
		mkdirSync(empty, { recursive: true });
		if (asNobody) chownSync(this.#dir, NOBODY, NOBODY);
		try {
			const end = await runSandbox({
				support: this.#support,
				lab,
				folder: empty,
				seed: 0,
				only: [NO_CHECK],
				deadlineMs: WARM_UP_DEADLINE_MS,
				compileCache: { dir: this.#dir, writable: true },
				onLine: () => {},
			});
			// The grader stops with a usage error (2) at the unknown check, its code loaded.
			if (end.code === 2 && /Unknown check/.test(end.stderr)) this.#filled = true;
		} finally {
			if (asNobody) takeBack(this.#dir);
			rmSync(empty, { recursive: true, force: true });
		}
	}
}

/** Gives the folder and what the warm-up wrote back to root, readable by all and writable by none
 * but root. */
function takeBack(dir: string): void {
	chownSync(dir, 0, 0);
	openToNobody(dir);
	for (const entry of readdirRecursive(dir)) chownSync(entry, 0, 0);
}

function readdirRecursive(dir: string): string[] {
	return (readdirSync(dir, { recursive: true }) as string[]).map((name) => join(dir, name));
}
