import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessibleInBothThemes } from './support/axe.ts';
import { expectedLessons, type ExpectedLesson } from './support/course.ts';

// The search terms come from the lesson files on disk: a word only one lesson uses, and a heading,
// so the tests follow the course as writers change it.
const lessons = expectedLessons();

/** The words of a lesson's prose paragraphs, leaving out code, components and imports. */
function proseWords(lesson: ExpectedLesson): string[] {
	const prose = lesson.body
		.replace(/^(```|~~~)[\s\S]*?^\1/gm, '')
		.split('\n')
		.filter((line) => /^[A-Z]/.test(line) && !/^(import|export)\s/.test(line))
		.join(' ');
	return prose.toLowerCase().match(/\b[a-z]{9,}\b/g) ?? [];
}

function rareWord(): { lesson: ExpectedLesson; word: string } {
	const texts = lessons.map((lesson) => JSON.stringify(lesson).toLowerCase());
	for (const lesson of lessons) {
		const word = proseWords(lesson).find((w) => texts.filter((text) => text.includes(w)).length === 1);
		if (word) return { lesson, word };
	}
	throw new Error('No word of nine letters or more belongs to a single lesson; add lessons to search.');
}

function firstHeading(): { lesson: ExpectedLesson; heading: string } {
	for (const lesson of lessons) {
		const heading = /^## (.+)$/m.exec(lesson.body)?.[1];
		if (heading) return { lesson, heading: heading.replace(/[`*_]/g, '') };
	}
	throw new Error('No lesson has a level-2 heading to search for.');
}

test.describe('searching the course', () => {
	test('finds the one lesson that uses a word, and opens it', async ({ page }) => {
		const { lesson, word } = rareWord();
		await page.goto('/search/');
		await page.getByRole('searchbox', { name: 'Search lessons' }).fill(word);
		await expect(page.getByRole('status')).toHaveText(`1 lesson matches “${word}”.`);
		const results = page.getByRole('main').getByRole('list');
		await expect(results.locator('mark').first()).toHaveText(new RegExp(`^${word}`, 'i'));
		await expectAccessibleInBothThemes(page, 'search results');
		await results.getByRole('link', { name: lesson.title, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
	});

	test('links a result to the section whose heading matches', async ({ page }) => {
		const { lesson, heading } = firstHeading();
		await page.goto(`/search/?q=${encodeURIComponent(heading)}`);
		await expect(page.getByRole('searchbox', { name: 'Search lessons' })).toHaveValue(heading);
		const section = page.getByRole('main').getByRole('link', { name: heading, exact: true }).first();
		await expect(section).toHaveAttribute('href', new RegExp(`^${lesson.url}#.+`));
		await section.click();
		await expect(page.getByRole('heading', { name: heading, exact: true })).toBeInViewport();
	});

	test('says so when no lesson matches', async ({ page }) => {
		await page.goto('/search/');
		await page.getByRole('searchbox', { name: 'Search lessons' }).fill('qwzxv');
		await page.getByRole('button', { name: 'Search' }).click();
		await expect(page.getByRole('status')).toHaveText('No lesson matches “qwzxv”.');
		await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(0);
	});

	test('words typed before the search script has loaded are searched once it runs', async ({ page }) => {
		// Holds the page's search script back until the learner has typed, as a slow connection would.
		let release: () => void = () => {};
		const typed = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_astro/search.astro*', async (route) => {
			await typed;
			await route.continue();
		});
		// A module script delays DOMContentLoaded too, so the test goes on once the page arrives.
		await page.goto('/search/', { waitUntil: 'commit' });
		await page.getByRole('searchbox', { name: 'Search lessons' }).fill(lessons[0]!.title);
		release();
		await expect(page.getByRole('status')).toContainText('match');
		await expect(page.getByRole('main').getByRole('link', { name: lessons[0]!.title, exact: true })).toBeVisible();
	});

	test('the header link leads to search, and lesson pages never download the index', async ({ page }) => {
		const fetched: string[] = [];
		page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
		await page.goto(lessons[0]!.url);
		await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Search' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search the course');
		expect(fetched).not.toContain('/search-index.json');
		await page.getByRole('searchbox', { name: 'Search lessons' }).fill(lessons[0]!.title);
		await expect(page.getByRole('status')).toContainText('match');
		expect(fetched).toContain('/search-index.json');
		// The index is whatever the build wrote; it must at least hold every lesson.
		const index = JSON.parse(readFileSync(`${process.env['E2E_DIST']}/search-index.json`, 'utf8')) as {
			lessons: { url: string }[];
		};
		expect(index.lessons.map((l) => l.url).sort()).toEqual(lessons.map((l) => l.url).sort());
	});
});
