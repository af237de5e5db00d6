// The class report and the CSV it reads: a round trip through results.csv, then the printable page
// built from it, read back as markup.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv, toCsv } from '../../src/grader/batch/csv.ts';
import { brokenResult, type PairResult } from '../../src/grader/batch/result.ts';
import { folderLabSource } from '../../src/labs/index.ts';
import { findAll, labsDir, parseMarkup, root, run, type Element } from './helpers.ts';

const cli = join(root, 'src', 'grader', 'cli.ts');
const scratch = mkdtempSync(join(tmpdir(), 'report-test-'));
const tricky = 'Expected "a, b"\non two lines <script>alert(1)</script> & more';

/** A class of three: ada passes both labs, ben fails one check of each, cy's orders-api hung. */
async function results(): Promise<PairResult[]> {
	const source = folderLabSource(labsDir);
	const out: PairResult[] = [];
	for (const id of ['orders-api', 'round-robin']) {
		const lab = await source.load(id);
		assert.ok(lab);
		const checks: PairResult['checks'] = lab.checks.map(({ id: checkId, title }) => ({
			id: checkId,
			title,
			status: 'pass',
			durationMs: 10,
		}));
		const base = { lab: id, durationMs: 1234, seed: 42 };
		out.push({ ...base, learner: 'ada', passed: true, checks });
		const second = checks[1];
		assert.ok(second);
		const failing = checks.with(1, { ...second, status: 'fail', message: tricky });
		out.push({ ...base, learner: 'ben', passed: false, checks: failing });
		if (id === 'orders-api') {
			const submission = { learner: 'cy', lab: id, folder: '/nowhere' };
			out.push(
				brokenResult(submission, lab.checks, {
					error: 'stopped at the limit',
					durationMs: 9,
					seed: 42,
				}),
			);
		}
	}
	return out;
}

describe('the class report', () => {
	let graded: PairResult[];
	let page: Element;
	let html: string;
	const csv = join(scratch, 'results.csv');

	before(async () => {
		graded = await results();
		writeFileSync(csv, toCsv(graded));
		const ran = await run(process.execPath, [cli, '--report', csv]);
		assert.equal(ran.code, 0, ran.stderr);
		assert.match(ran.stdout, /Class report: .*report\.html \(5 submissions\)/);
		html = readFileSync(join(scratch, 'report.html'), 'utf8');
		page = parseMarkup(html);
	});
	after(() => rmSync(scratch, { recursive: true, force: true }));

	it('reads back from the CSV what the batch wrote, quotes, commas and line breaks included', () => {
		const rows = parseCsv(readFileSync(csv, 'utf8'));
		assert.equal(rows.length, graded.length);
		assert.deepEqual(rows[1], {
			learner: 'ben',
			lab: 'orders-api',
			passed: false,
			checksPassed: 14,
			checksTotal: 15,
			failing: ['gets-product'],
			durationMs: 1234,
			seed: 42,
			message: tricky,
		});
		assert.equal(rows[2]?.message, 'stopped at the limit');
		assert.equal(rows[2]?.failing.length, 15);
	});

	it('shows each lab pass rate and the checks failed most often', () => {
		const table = findAll(page, 'table').find((t) => t.attributes['data-table'] === 'rates');
		assert.ok(table);
		const rows = findAll(table, 'tr')
			.slice(1)
			.map((tr) => findAll(tr, 'td').map((td) => td.text));
		assert.deepEqual(
			rows.map((cells) => cells.slice(0, 4)),
			[
				['orders-api', '3', '1', '33%'],
				['round-robin', '2', '1', '50%'],
			],
		);
		assert.match(
			rows[0]?.[4] ?? '',
			/gets-product GET \/products\/\{id\} returns that product.* \(2\)/,
		);
	});

	it('shows each learner result with the failing checks by id and title, message as text', () => {
		const sections = findAll(page, 'section');
		assert.deepEqual(
			sections.map((s) => s.attributes['data-learner']),
			['ada', 'ben', 'cy'],
		);
		const [ada, ben, cy] = sections as [Element, Element, Element];
		assert.deepEqual(
			findAll(ada, 'span').flatMap((s) => s.attributes['data-result'] ?? []),
			['pass', 'pass'],
		);
		assert.deepEqual(
			findAll(ben, 'li').map((li) => li.attributes['data-check']),
			['gets-product', 'forwards-method-and-path'],
		);
		assert.ok(ben.text.includes(tricky), 'the message is shown as text');
		assert.deepEqual(findAll(ben, 'script'), []);
		assert.equal(findAll(cy, 'li').length, 15);
		assert.match(cy.text, /✗ 0\/15/);
	});

	it('is self-contained and prints well', () => {
		for (const name of ['script', 'link', 'img', 'iframe', 'object']) {
			assert.deepEqual(findAll(page, name), [], `a <${name}> element`);
		}
		assert.doesNotMatch(html, /(src|href)=|url\(|@import/);
		assert.match(
			findAll(page, 'style')[0]?.text ?? '',
			/@media print \{[\s\S]*section\.learner \{ break-inside: avoid; \}/,
		);
	});

	it('names the problem when the CSV is missing or not the batch one', async () => {
		const missing = await run(process.execPath, [cli, '--report', join(scratch, 'nope.csv')]);
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /CSV not found: .*nope\.csv \(give the results\.csv/);
		const other = join(scratch, 'other.csv');
		writeFileSync(other, 'name,score\nada,3\n');
		const wrong = await run(process.execPath, [cli, '--report', other]);
		assert.equal(wrong.code, 2);
		assert.match(wrong.stderr, /The first line must be the batch's header/);
	});
});
