// Search is Pagefind over the built pages. These tests pin what goes into the index (a lesson's
// text and headings, never its quiz answers, hidden states or navigation), that code blocks carry
// a low search weight, and how Pagefind's sections are ranked into the list the dialog shows.
import assert from 'node:assert/strict';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { codeToHtml } from 'shiki';
import { codeSearchWeight, codeWeight } from '../../src/lib/search/code-weight.ts';
import { writeSearchIndex } from '../../src/lib/search/pagefind-index.ts';
import {
	rankSections,
	searchHits,
	type PagefindPage,
	type PagefindSubResult,
} from '../../src/client/search/sections.ts';

const lesson = `<!doctype html><html lang="en"><head><title>t</title></head><body>
<nav>Outline of every lesson</nav>
<article data-pagefind-body>
	<p data-pagefind-ignore>Module 3: Scaling out</p>
	<h1>Health checks and sessions</h1>
	<nav class="toc"><h2>On this page</h2></nav>
	<h3 id="sticky-sessions">Sticky sessions</h3>
	<p>The balancer sends each user back to one backend.</p>
	<pre data-pagefind-weight="0.1"><code>res.setHeader('Set-Cookie', 'lb=2')</code></pre>
	<div class="quiz-choices">A shared store (the right answer)</div>
	<details class="quiz-answers">Answers: B, C</details>
	<p hidden>Lab passed.</p>
</article>
</body></html>`;

interface Fragment {
	url: string;
	content: string;
	anchors: { element: string; id: string; text: string }[];
}

/** Pagefind's fragment files are gzip with a short marker before the JSON. */
function fragments(site: string): Fragment[] {
	const folder = join(site, 'pagefind', 'fragment');
	return readdirSync(folder).map((file) => {
		const text = gunzipSync(readFileSync(join(folder, file))).toString('utf8');
		return JSON.parse(text.slice(text.indexOf('{'))) as Fragment;
	});
}

describe('the index the build writes', () => {
	const site = mkdtempSync(join(tmpdir(), 'course-search-'));
	let pages: Fragment[] = [];
	before(async () => {
		mkdirSync(join(site, 'lessons', 'sessions'), { recursive: true });
		writeFileSync(join(site, 'lessons', 'sessions', 'index.html'), lesson);
		writeFileSync(
			join(site, 'index.html'),
			'<!doctype html><html lang="en"><body><h1>Home</h1></body></html>',
		);
		await writeSearchIndex(site);
		pages = fragments(site);
	});
	after(() => rmSync(site, { recursive: true, force: true }));

	test('holds only pages with a lesson body, at their addresses', () => {
		assert.deepEqual(
			pages.map((page) => page.url),
			['/lessons/sessions/'],
		);
	});

	test('holds the lesson text and headings, and no navigation, quiz answers or hidden states', () => {
		const [page] = pages;
		assert.match(
			page!.content,
			/Health checks and sessions\. Sticky sessions\. The balancer sends/,
		);
		assert.match(page!.content, /Set-Cookie/);
		assert.doesNotMatch(
			page!.content,
			/Outline|Module 3|On this page|right answer|Answers|Lab passed/,
		);
		assert.deepEqual(
			page!.anchors.map((a) => `${a.element}#${a.id}`),
			['h3#sticky-sessions'],
		);
	});

	test("ships Pagefind's script and index, and not its unused ready-made interfaces", () => {
		assert.ok(existsSync(join(site, 'pagefind', 'pagefind.js')));
		assert.ok(existsSync(join(site, 'pagefind', 'pagefind-entry.json')));
		assert.equal(existsSync(join(site, 'pagefind', 'pagefind-ui.js')), false);
	});
});

test('code blocks are given a low search weight', async () => {
	const html = await codeToHtml('server.listen(3000);', {
		lang: 'js',
		themes: { light: 'github-light-default', dark: 'github-dark-default' },
		transformers: [codeSearchWeight()],
	});
	assert.match(html, new RegExp(`^<pre [^>]*data-pagefind-weight="${codeWeight}"`));
	assert.ok(codeWeight < 1);
});

/** A section as Pagefind returns it, with one match of the given weight per entry. */
function section(title: string, id: string, weights: number[]): PagefindSubResult {
	// Pagefind's balanced score grows much faster than the weight: a heading word scores about 25
	// times a word of text (numbers measured on this course's "sticky session" query).
	const score: Record<number, number> = { 1: 512.1, 5: 12803.6, 6: 18437.2, 7: 25095 };
	return {
		title,
		url: `/lessons/scaling/health-and-sessions/${id ? `#${id}` : ''}`,
		excerpt: `<mark>${title}</mark> &lt;text&gt;`,
		weighted_locations: weights.map((weight, location) => ({
			weight,
			balanced_score: score[weight] ?? 0,
			location,
		})),
	};
}

const sessions: PagefindPage = {
	url: '/lessons/scaling/health-and-sessions/',
	excerpt: 'page excerpt',
	meta: { title: 'Health Checks, Sessions and TLS at the Balancer' },
	sub_results: [
		section('Health Checks, Sessions and TLS at the Balancer', '', [7]),
		section('Session persistence', 'session-persistence', [6, 1, 1, 1]),
		section('Sticky sessions', 'sticky-sessions', [5, 5, 1, 1, 1, 1, 1, 1, 1]),
		section('Shared session storage', 'shared-session-storage', [5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
	],
};

describe('ranking the sections of the results', () => {
	test('puts the section whose heading holds both words before one whose heading holds one', () => {
		const titles = rankSections(sessions).map((s) => s.title);
		assert.ok(
			titles.indexOf('Sticky sessions') < titles.indexOf('Shared session storage'),
			titles.join(', '),
		);
		assert.equal(titles[0], 'Sticky sessions');
	});

	test('keeps page order between sections that score the same', () => {
		const twins = { ...sessions, sub_results: [section('B', 'b', [1]), section('A', 'a', [1])] };
		assert.deepEqual(
			rankSections(twins).map((s) => s.title),
			['B', 'A'],
		);
	});

	test('lists a few sections per lesson, lessons in the order Pagefind ranked them', () => {
		const other: PagefindPage = {
			url: '/lessons/x/',
			excerpt: 'x <mark>y</mark>',
			meta: { title: 'X' },
			sub_results: [],
		};
		const hits = searchHits([sessions, other], 2);
		assert.deepEqual(
			hits.map((hit) => [hit.heading, hit.url]),
			[
				['Sticky sessions', '/lessons/scaling/health-and-sessions/#sticky-sessions'],
				[
					'Health Checks, Sessions and TLS at the Balancer',
					'/lessons/scaling/health-and-sessions/',
				],
				['X', '/lessons/x/'],
			],
		);
		assert.equal(hits[0]?.lesson, 'Health Checks, Sessions and TLS at the Balancer');
		assert.equal(hits[2]?.excerpt, 'x <mark>y</mark>');
	});
});
