// Bundles the lab session (`src/runtime/session-main.ts`) and every lab's checks into
// `public/runtime/session.mjs`, which the static site ships and the page mounts into a WebContainer.
// Usage: npm run build:runtime [-- --labs <dir> --out <file>]
import { bundleWithLabs } from './lib/bundle-with-labs.ts';

await bundleWithLabs({
	what: 'the lab session',
	module: 'src/runtime/session-main.ts',
	start: 'runSessionProcess',
	out: 'public/runtime/session.mjs',
});
