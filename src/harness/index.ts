// The public surface of the check harness: what a lab's `checks.ts` and the grader import.
export type * from './types.ts';
export { CheckFailure, TimingFailure } from './check-failure.ts';
export { describeScale, MAX_FACTOR } from '../shared/scale-text.ts';
export { measureTimeScale } from './time-scale.ts';
export { defineLab } from './define-lab.ts';
export { definePlayground, isHealthCheck } from './define-playground.ts';
export type { Playground } from './define-playground.ts';
export { expectHeader, expectJson, expectJsonError, expectStatus } from './assertions.ts';
export { curlLine } from './curl.ts';
export { createRandom } from './random.ts';
export { startFakeServer } from './fake-server.ts';
export { runLab, DEFAULT_CHECK_TIMEOUT_MS } from './runner.ts';
export type { RunOptions, RunResult, CheckEnd } from './runner.ts';
