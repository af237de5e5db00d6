// Busy loops beside the grader, to see how checks judge on a machine that is doing other work: a
// learner's laptop with a browser open, or a CI runner with neighbours. Each loop is its own Node
// process that spins until it is stopped or its time runs out, so none can outlive a crashed run.
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface BusyLoad {
	/** How many loops are spinning. */
	count: number;
	stop(): Promise<void>;
}

/** Starts `perCore` busy loops for every core, each ending by itself after `limitMs`. */
export function startBusyLoad(perCore: number, limitMs = 30 * 60_000): BusyLoad {
	const count = Math.max(0, Math.round(perCore * availableParallelism()));
	const source = `const end = Date.now() + ${Math.round(limitMs)}; while (Date.now() < end) {}`;
	const loops: ChildProcess[] = Array.from({ length: count }, () =>
		spawn(process.execPath, ['-e', source], { stdio: 'ignore' }),
	);
	return {
		count,
		async stop() {
			await Promise.all(
				loops.map(
					(loop) =>
						new Promise<void>((resolve) => {
							if (loop.exitCode !== null || loop.signalCode !== null) return resolve();
							loop.once('exit', () => resolve());
							loop.kill('SIGKILL');
						}),
				),
			);
		},
	};
}
