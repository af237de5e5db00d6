import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCauseBook, failureCause } from '../../src/client/lab/panels/failure-cause.ts';

// Messages as the orders-api and round-robin starters really fail them (from `npm run grade`).
const notFound = (path: string) => `got 404 (body "{\\"error\\":\\"Nothing at ${path}\\"}")`;

test('failures that differ only in the request share a cause', () => {
	const a = failureCause(
		`Expected status 200 for GET /products/p-g7xxf0, ${notFound('/products/p-g7xxf0')}`,
	);
	const b = failureCause(
		`Expected status 401 for POST /orders without Authorization, ${notFound('/orders')}`,
	);
	assert.equal(a, b);
	const c = failureCause(
		'Expected a backend to receive OPTIONS /pcvn-qfg/m-cier4q?inl=gyvv+kf, but none did',
	);
	const d = failureCause('Expected a backend to receive GET /momkn/r-jrg6rc, but none did');
	assert.equal(c, d);
});

test('failures that show different behaviour have different causes', () => {
	assert.notEqual(
		failureCause('Expected status 200 for GET /products, got 404 (body "")'),
		failureCause('Expected status 200 for GET /products, got 500 (body "")'),
	);
	assert.notEqual(
		failureCause('Expected a backend to receive GET /a, but none did'),
		failureCause(
			'Expected request 1 (/b) to reach a backend, but none received it; the client got 501',
		),
	);
});

test('the book names the first check of each cause and counts the causes', () => {
	const book = createCauseBook();
	assert.equal(
		book.firstWith(
			'list',
			'Lists products',
			`Expected status 200 for GET /products, ${notFound('/products')}`,
		),
		undefined,
	);
	assert.deepEqual(
		book.firstWith(
			'order',
			'Takes an order',
			`Expected status 201 for POST /orders, ${notFound('/orders')}`,
		),
		{
			id: 'list',
			title: 'Lists products',
		},
	);
	assert.equal(
		book.firstWith('slow', 'Answers in time', 'Expected an answer within 2000 ms, but none came'),
		undefined,
	);
	assert.equal(book.causes, 2);
	book.clear();
	assert.equal(book.causes, 0);
});
