// Bundles the lab session (`src/runtime/session-main.ts`) and every lab's checks and playground into
// `public/runtime/session.mjs`, which the static site ships and the page mounts into a WebContainer.
// Usage: npm run build:runtime [-- --out <file>]; COURSE_LABS_DIR=<dir> bundles another labs folder.
import { bundleWithLabs } from './lib/bundle-with-labs.ts';

await bundleWithLabs({
	what: 'the lab session',
	module: 'src/runtime/session-main.ts',
	start: 'runSessionProcess',
	out: 'public/runtime/session.mjs',
	playgrounds: true,
});
