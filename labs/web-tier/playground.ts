// What the web-tier program runs against when the learner presses Run: a tiny site to serve from
// PUBLIC_DIR, and an application server for `/api/` behind APP_URL.
import { definePlayground } from '../../src/harness/index.ts';

/** A tiny site for PUBLIC_DIR: a page, a style sheet, a folder with a page. */
const SAMPLE_SITE = {
	'public/index.html':
		'<!doctype html>\n<title>Tiny shop</title>\n<link rel="stylesheet" href="/style.css">\n<h1>Tiny shop</h1>\n',
	'public/style.css': 'body { font-family: system-ui, sans-serif; margin: 2rem; }\n',
	'public/docs/index.html': '<!doctype html>\n<title>Docs</title>\n<p>The docs folder.</p>\n',
};

export default definePlayground({
	files: SAMPLE_SITE,
	companions: ['application server'],
	env: (urls) => ({ PUBLIC_DIR: 'public', APP_URL: urls[0] ?? '' }),
});
