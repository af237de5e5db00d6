// What the orders-api program runs against when the learner presses Run: a sample catalogue in
// products.json and the token that POST /orders requires.
import { definePlayground } from '../../src/harness/index.ts';

/** The `API_TOKEN` an orders-api program gets in the playground; the page shows it to the learner. */
export const PLAYGROUND_API_TOKEN = 'playground-token';

const SAMPLE_PRODUCTS = [
	{ id: 'tea-01', name: 'Green tea, 100 g', priceCents: 650 },
	{ id: 'mug-02', name: 'Stoneware mug', priceCents: 1400 },
	{ id: 'pot-03', name: 'Cast-iron teapot', priceCents: 4990 },
];

export default definePlayground({
	files: { 'products.json': `${JSON.stringify(SAMPLE_PRODUCTS, null, '\t')}\n` },
	companions: [],
	env: () => ({ API_TOKEN: PLAYGROUND_API_TOKEN }),
});
