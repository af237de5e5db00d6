import { expect, test, type Page } from '@playwright/test';
import { expectedLessons } from './support/course.ts';

const lessons = expectedLessons();

/** A lesson title as a pattern that matches it literally. */
function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function expectOnLesson(page: Page, index: number): Promise<void> {
	const lesson = lessons[index]!;
	await expect(page).toHaveURL(lesson.url);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
	const current = page
		.getByRole('navigation', { name: 'Course outline' })
		.locator('[aria-current="page"]');
	await expect(current).toHaveText(lesson.title);
}

test.describe('moving through the course', () => {
	test('a learner clicks Next from the first lesson to the last, and each Previous leads one back', async ({
		page,
	}) => {
		// One load of every lesson page, each waited for by its heading and outline. Walking back
		// with Previous loaded every page a second time (42 s of a CI run); each page's Previous is
		// read on the way forward instead, and followed once at the end. The limit allows for a busy
		// machine: this walk took 60 s beside a stress run at a load average of 18.
		test.setTimeout(90_000);
		const pager = page.getByRole('navigation', { name: 'Previous and next lessons' });
		const previous = pager.getByRole('link', { name: /^Previous/ });
		await page.goto(lessons[0]!.url);
		await expectOnLesson(page, 0);
		await expect(previous).toHaveCount(0);
		for (let i = 1; i < lessons.length; i++) {
			await pager.getByRole('link', { name: /^Next/ }).click();
			await expectOnLesson(page, i);
			await expect(previous).toHaveAccessibleName(new RegExp(escape(lessons[i - 1]!.title)));
			expect(new URL((await previous.getAttribute('href'))!, page.url()).href).toBe(
				new URL(lessons[i - 1]!.url, page.url()).href,
			);
		}
		await expect(pager.getByRole('link', { name: /^Next/ })).toHaveCount(0);
		await previous.click();
		await expectOnLesson(page, lessons.length - 2);
	});

	test('a learner opens each lesson from the sidebar outline', async ({ page }) => {
		const outline = page.getByRole('navigation', { name: 'Course outline' });
		await page.goto(lessons[0]!.url);
		// Visit the lessons in reverse so every click goes to a different page than the current one.
		for (let i = lessons.length - 1; i >= 0; i--) {
			await outline.getByRole('link', { name: lessons[i]!.title, exact: true }).click();
			await expectOnLesson(page, i);
		}
	});

	test('a keyboard user skips to the content and follows Next with the Enter key', async ({
		page,
	}) => {
		test.skip(lessons.length < 2, 'The course needs two lessons to go to the next one.');
		await page.goto(lessons[0]!.url);
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Skip to content' });
		await expect(skip).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('main')).toBeFocused();

		const next = page.getByRole('link', { name: /^Next/ });
		// Tab forward through the lesson until the Next link has focus; the bound keeps a page without
		// one from looping for ever.
		for (let presses = 0; presses < 300; presses++) {
			if (await next.evaluate((link) => link === document.activeElement)) break;
			await page.keyboard.press('Tab');
		}
		await expect(next).toBeFocused();
		await page.keyboard.press('Enter');
		await expectOnLesson(page, 1);
	});

	test('a keyboard user opens a lesson from the outline with Tab and Enter', async ({ page }) => {
		test.skip(lessons.length < 2, 'The course needs two lessons to pick another one.');
		await page.goto(lessons[0]!.url);
		const target = page
			.getByRole('navigation', { name: 'Course outline' })
			.getByRole('link', { name: lessons[1]!.title, exact: true });
		for (let presses = 0; presses < 100; presses++) {
			if (await target.evaluate((link) => link === document.activeElement)) break;
			await page.keyboard.press('Tab');
		}
		await expect(target).toBeFocused();
		await page.keyboard.press('Enter');
		await expectOnLesson(page, 1);
	});

	test('a lesson shows its objectives and a table of contents that jumps to a heading', async ({
		page,
	}) => {
		const lesson = lessons.find((l) => /^## /m.test(l.body));
		if (!lesson)
			throw new Error('No lesson has a level-2 heading, so there is no table of contents to test.');
		await page.goto(lesson.url);
		await expect(page.getByRole('heading', { name: 'What you will learn' })).toBeVisible();
		const toc = page.getByRole('navigation', { name: 'On this page' });
		const first = toc.getByRole('link').first();
		const target = (await first.getAttribute('href')) ?? '';
		await first.click();
		await expect(page).toHaveURL(new RegExp(`${target}$`));
		await expect(page.locator(target)).toBeInViewport();
	});
});
