// A free port for a test's own server (nginx, caddy, a listener to probe): the harness's, so the
// tests and the checks ask the OS the same way.
export { freePort } from '../../src/harness/port.ts';
