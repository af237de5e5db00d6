import { startFakeServer } from '../harness/fake-server.ts';
import type { CheckScope } from '../harness/scope.ts';
import type { FakeBehaviour, FakeServer } from '../harness/types.ts';
import { isHealthCheck, type Playground } from '../harness/define-playground.ts';
import type { BackendState, RuntimeCommand, RuntimeEvent } from '../shared/protocol.ts';

type BackendAction = Extract<RuntimeCommand, { type: 'backend' }>['action'];

/** How long a backend set to `slow` waits before answering: longer than the health-checks lab's
 * timeout, so a slow backend also fails its health checks, as a real overloaded server would. */
export const SLOW_DELAY_MS = 1500;
/** How often the live view gets the backends' counts. */
export const SNAPSHOT_MS = 250;

interface Companion {
	server: FakeServer;
	state: BackendState;
}

/** The fake backends (or origin) a lab's program talks to while the learner plays with it. They are
 * the harness's fake servers, owned by `scope`, so they go away with the run however it ends. */
export class Companions {
	readonly #playground: Playground;
	readonly #list: Companion[];

	private constructor(playground: Playground, list: Companion[]) {
		this.#playground = playground;
		this.#list = list;
	}

	static async start(
		playground: Playground,
		scope: CheckScope,
		onError: (error: unknown) => void,
	): Promise<Companions> {
		const list: Companion[] = [];
		for (const [index, name] of playground.companions.entries()) {
			const answer = playground.answerer?.();
			const options = answer ? { name, respond: answer } : { name };
			const server = await scope.guard(startFakeServer(options, onError));
			scope.add(() => server.stop());
			const state: BackendState = {
				index,
				name,
				url: server.url,
				state: 'up',
				requests: 0,
				healthChecks: 0,
			};
			list.push({ server, state });
		}
		return new Companions(playground, list);
	}

	get urls(): string[] {
		return this.#list.map(({ server }) => server.url);
	}

	get size(): number {
		return this.#list.length;
	}

	/** Current states and counts. Recorded requests are counted and then dropped, so a program that
	 * runs for an hour does not keep every request it ever sent in memory. */
	snapshot(): BackendState[] {
		for (const { server, state } of this.#list) {
			for (const request of server.requests.splice(0)) {
				if (isHealthCheck(this.#playground, request.method, request.path)) state.healthChecks++;
				else state.requests++;
			}
		}
		return this.#list.map(({ state }) => ({ ...state }));
	}

	/** Sends the live view a snapshot every `SNAPSHOT_MS` until the scope ends. */
	report(scope: CheckScope, emit: (event: RuntimeEvent) => void): void {
		if (this.#list.length === 0) return;
		const timer = setInterval(() => {
			emit({ type: 'backends', at: Date.now(), backends: this.snapshot() });
		}, SNAPSHOT_MS);
		scope.add(() => clearInterval(timer));
	}

	/** Changes how backend `index` answers; refuses an index the lab does not have. */
	async set(index: number, action: BackendAction): Promise<void> {
		const companion = this.#list[index];
		if (!companion) {
			const some =
				this.#list.length === 0 ? 'no backends' : `backends 0 to ${this.#list.length - 1}`;
			throw new Error(`There is no backend ${index}: this lab has ${some}`);
		}
		const behaviour: FakeBehaviour =
			action === 'stop'
				? { kind: 'refuse' }
				: action === 'slow'
					? { kind: 'slow', delayMs: SLOW_DELAY_MS }
					: { kind: 'respond' };
		await companion.server.behave(behaviour);
		companion.state.state = action === 'stop' ? 'down' : action === 'slow' ? 'slow' : 'up';
	}
}
