// What each lab's program runs against when the learner presses Run: the companions (fake backends
// or an origin) and the environment the lab's contract promises. Plain data and pure functions, so
// the lab page can import it to show the same names, paths and token the runtime uses.
import type { FakeResponse, RecordedRequest } from '../harness/types.ts';
import { flakyOriginAnswerer, originAnswerer, platformAnswerer } from './playground-origins.ts';
import { DRIVER_FILE, DRIVER_SOURCE } from '../../labs/resilient-client/checks/driver.ts';

/** The `API_TOKEN` an orders-api program gets in the playground; the page shows it to the learner. */
export const PLAYGROUND_API_TOKEN = 'playground-token';

export interface Playground {
	/** Files written into the program's folder unless the learner's files hold one of that name. */
	files: Record<string, string>;
	/** The companions' names, in the order the program is told about them. */
	companions: string[];
	/** Makes one companion's answers; absent, a companion answers JSON naming itself. Called once
	 * per run, so an answerer may keep state (a request counter) for that run. */
	answerer?: () => (request: RecordedRequest) => FakeResponse;
	/** Requests to this path are health checks, counted apart from the others. */
	healthPath?: string;
	/** The program's environment besides `PORT`, from the companions' base URLs in order. */
	env(urls: string[]): Record<string, string>;
}

const SAMPLE_PRODUCTS = [
	{ id: 'tea-01', name: 'Green tea, 100 g', priceCents: 650 },
	{ id: 'mug-02', name: 'Stoneware mug', priceCents: 1400 },
	{ id: 'pot-03', name: 'Cast-iron teapot', priceCents: 4990 },
];

/** The food-delivery lab's menu.json: the lesson's restaurant, prices in cents. */
const SAMPLE_MENU = { 'pad-thai': 1150, 'spring-rolls': 600, 'mango-sticky-rice': 725 };

const threeBackends = ['backend 1', 'backend 2', 'backend 3'];

/** A tiny site for the web-tier lab's PUBLIC_DIR: a page, a style sheet, a folder with a page. */
const SAMPLE_SITE = {
	'public/index.html':
		'<!doctype html>\n<title>Tiny shop</title>\n<link rel="stylesheet" href="/style.css">\n<h1>Tiny shop</h1>\n',
	'public/style.css': 'body { font-family: system-ui, sans-serif; margin: 2rem; }\n',
	'public/docs/index.html': '<!doctype html>\n<title>Docs</title>\n<p>The docs folder.</p>\n',
};

export const playgrounds: Record<string, Playground> = {
	'orders-api': {
		files: { 'products.json': `${JSON.stringify(SAMPLE_PRODUCTS, null, '\t')}\n` },
		companions: [],
		env: () => ({ API_TOKEN: PLAYGROUND_API_TOKEN }),
	},
	'web-tier': {
		files: SAMPLE_SITE,
		companions: ['application server'],
		env: (urls) => ({ PUBLIC_DIR: 'public', APP_URL: urls[0] ?? '' }),
	},
	'round-robin': {
		files: {},
		companions: threeBackends,
		env: (urls) => ({ BACKENDS: urls.join(',') }),
	},
	'health-checks': {
		files: {},
		companions: threeBackends,
		healthPath: '/health',
		env: (urls) => ({
			BACKENDS: urls.join(','),
			HEALTH_INTERVAL_MS: '1000',
			HEALTH_PATH: '/health',
			HEALTH_TIMEOUT_MS: '500',
		}),
	},
	'balancing-strategies': {
		files: {},
		companions: threeBackends,
		env: (urls) => ({ BACKENDS: urls.join(','), STRATEGY: 'least-connections' }),
	},
	'sticky-sessions': {
		files: {},
		companions: threeBackends,
		env: (urls) => ({ BACKENDS: urls.join(','), COOKIE_NAME: 'lb_affinity' }),
	},
	caching: {
		files: {},
		companions: ['origin'],
		answerer: originAnswerer,
		env: (urls) => ({ ORIGIN: urls[0] ?? '', CACHE_TTL_MS: '5000' }),
	},
	// The caching lab's origin makes a fine API: JSON for any path, and 404 for `/missing...`.
	batching: {
		files: {},
		companions: ['API'],
		answerer: originAnswerer,
		env: (urls) => ({ API_URL: urls[0] ?? '' }),
	},
	// The learner writes a module; the grader's driver is the program that runs, and it resolves a
	// URL starting with `/` against ORIGIN, so the console can call `{"url": "/menu"}`.
	// One copy of the order API between a shared store and a payment service that dedupes by key.
	'food-delivery': {
		files: { 'menu.json': `${JSON.stringify(SAMPLE_MENU, null, '\t')}\n` },
		companions: ['store', 'payments'],
		answerer: platformAnswerer,
		env: (urls) => ({ STORE_URL: urls[0] ?? '', PAYMENTS_URL: urls[1] ?? '' }),
	},
	'resilient-client': {
		files: { [DRIVER_FILE]: DRIVER_SOURCE },
		companions: ['origin'],
		answerer: flakyOriginAnswerer,
		env: (urls) => ({ ORIGIN: urls[0] ?? '' }),
	},
};

/** True when `path` (query string and all) asks for the playground's health path. */
export function isHealthCheck(playground: Playground, method: string, path: string): boolean {
	return (
		playground.healthPath !== undefined &&
		(method === 'GET' || method === 'HEAD') &&
		path.split('?')[0] === playground.healthPath
	);
}
