// The grader's own catalogue: random products in an order that no sort reproduces.
import type { Random } from '../../../src/harness/index.ts';

export interface Product {
	id: string;
	name: string;
	priceCents: number;
}

// Some names are not ASCII on purpose: a Content-Length counted in characters instead of bytes
// truncates them, and that is a real bug worth catching.
const NOUNS = [
	'lamp',
	'kettle',
	'notebook',
	'crème brûlée torch',
	'café grinder',
	'backpack',
	'mug',
];

export function randomCatalogue(random: Random): Product[] {
	const count = random.int(4, 7);
	const products: Product[] = [];
	const ids = new Set<string>();
	while (products.length < count) {
		const id = random.id('p');
		if (ids.has(id)) continue;
		ids.add(id);
		const adjective = random.word(random.int(4, 8));
		products.push({
			id,
			name: `${adjective[0]?.toUpperCase()}${adjective.slice(1)} ${random.pick(NOUNS)}`,
			priceCents: random.int(1, 99_999),
		});
	}
	// Guarantee at least one non-ASCII name, wherever it falls in the list.
	const target = random.pick(products);
	target.name = `${target.name.split(' ')[0]} ${random.pick(NOUNS.filter((noun) => /[^\x00-\x7f]/.test(noun)))}`;
	// File order must not look like a sort, or a program that sorts the list would pass by luck.
	let shuffled = products;
	for (let attempt = 0; attempt < 50 && looksSorted(shuffled); attempt++)
		shuffled = random.shuffle(products);
	return shuffled;
}

function looksSorted(products: Product[]): boolean {
	const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	const orders: ((a: Product, b: Product) => number)[] = [
		(a, b) => byCodeUnits(a.id, b.id),
		(a, b) => byCodeUnits(a.name, b.name),
		(a, b) => a.name.localeCompare(b.name),
		(a, b) => a.priceCents - b.priceCents,
	];
	return orders.some((compare) => {
		const steps = products
			.slice(1)
			.map((product, i) => Math.sign(compare(products[i] as Product, product)));
		return steps.every((step) => step <= 0) || steps.every((step) => step >= 0);
	});
}
