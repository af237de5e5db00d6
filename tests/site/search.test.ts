// The search index is built from MDX source and searched in the browser; these tests pin what
// text goes in (prose, code and component prompts, never markup or imports), which section each
// word belongs to, and how results are ranked and cut into snippets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withComponentHeadings } from '../../src/lib/course/component-headings.ts';
import { lessonDocument, type SearchIndex } from '../../src/lib/search/lesson-document.ts';
import { plainText } from '../../src/lib/search/plain-text.ts';
import { queryTerms, search, snippet } from '../../src/scripts/search/match.ts';

const body = `import Quiz from '../../../src/components/course/Quiz.astro';

A **first** paragraph with a [link text](https://example.com) and \`inline code\`.

## Ports and hosts

| Part | Example |
| --- | --- |
| Port | \`3000\` |

\`\`\`js
server.listen(port);
## not a heading inside code
\`\`\`

<Reflect id="ports" prompt="Why pick a port above 1024?" />

<Quiz
  id="basics"
  questions={[{ prompt: 'Which header names the type?', choices: [{ text: 'Content-Type', correct: true, explanation: 'It names it.' }] }]}
/>

<Takeaways>

- Ports tell programs apart.

</Takeaways>
`;
const headings = [{ depth: 2, slug: 'ports-and-hosts', text: 'Ports and hosts' }];

describe('the text of a lesson', () => {
	test('keeps prose, link text, code and component prompts, and drops markup and imports', () => {
		const text = plainText(body.split('\n'));
		assert.match(text, /^A first paragraph with a link text and inline code\.$/m);
		assert.match(text, /server\.listen\(port\);/);
		assert.match(text, /Why pick a port above 1024\?/);
		assert.match(text, /Which header names the type\?/);
		assert.doesNotMatch(text, /import|https:|\*\*|\||---|<\/?[A-Z]|explanation/);
	});

	test('places the headings of <Quiz> and <Takeaways> among the Markdown headings', () => {
		assert.deepEqual(
			withComponentHeadings(body, headings).map((h) => h.slug),
			['ports-and-hosts', 'quiz-basics', 'key-takeaways'],
		);
	});

	test('files each line under the heading it follows', () => {
		const doc = lessonDocument({
			url: '/lessons/x/ports/',
			title: 'Ports',
			module: 'Basics',
			description: 'd',
			objectives: ['o'],
			body,
			headings,
		});
		assert.deepEqual(
			doc.sections.map((s) => s.slug),
			['', 'ports-and-hosts', 'quiz-basics', 'key-takeaways'],
		);
		assert.match(doc.sections[1]!.text, /not a heading inside code/);
		assert.match(doc.sections[2]!.text, /Content-Type/);
		assert.equal(doc.sections[3]!.text, 'Ports tell programs apart.');
	});
});

const index: SearchIndex = {
	version: 1,
	lessons: [
		{
			url: '/a/',
			title: 'Caching proxies',
			module: 'M',
			description: 'Keep answers close.',
			objectives: ['Explain a cache hit.'],
			sections: [{ slug: 'ttl', heading: 'Time to live', text: 'A cached answer expires after its TTL.' }],
		},
		{
			url: '/b/',
			title: 'Load balancers',
			module: 'M',
			description: 'Spread requests.',
			objectives: ['Pick a backend.'],
			sections: [
				{ slug: '', heading: '', text: 'Balancers may cache health results.' },
				{ slug: 'round-robin', heading: 'Round robin', text: 'Each backend in turn gets a request.' },
			],
		},
	],
};

describe('searching the index', () => {
	test('splits a query into unique lower-case words', () => {
		assert.deepEqual(queryTerms('  Cache, cache  TTL!'), ['cache', 'ttl']);
	});

	test('needs every word in a lesson, matches word starts, and ranks titles first', () => {
		assert.deepEqual(search(index, 'cach').map((r) => r.lesson.url), ['/a/', '/b/']);
		assert.deepEqual(search(index, 'cache backend').map((r) => r.lesson.url), ['/b/']);
		assert.deepEqual(search(index, 'ache'), []);
		assert.deepEqual(search(index, '   '), []);
	});

	test('links to the section with the matching heading', () => {
		const [result] = search(index, 'round robin');
		assert.equal(result?.section?.slug, 'round-robin');
		assert.deepEqual(search(index, 'health')[0]?.section, undefined);
	});

	test('cuts a snippet around the first match and marks each match', () => {
		const text = `${'word '.repeat(60)}the cache and the Cached copy ${'tail '.repeat(60)}`;
		const parts = snippet(text, ['cache']);
		assert.equal(parts[0]?.text, '…');
		assert.equal(parts.at(-1)?.text, '…');
		assert.deepEqual(parts.filter((p) => p.match).map((p) => p.text), ['cache', 'Cache']);
	});
});
