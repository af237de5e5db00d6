import { expect, test } from '@playwright/test';
import { expectedCourse, minutesText } from './support/course.ts';

test.describe('home page', () => {
	test('lists every module and lesson in course order, with their minutes', async ({ page }) => {
		const course = expectedCourse();
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

		const main = page.getByRole('main');
		const moduleHeadings = main.getByRole('heading', { level: 2 });
		await expect(moduleHeadings).toHaveCount(course.length);
		for (const [index, module] of course.entries()) {
			await expect(moduleHeadings.nth(index)).toContainText(module.title);
			const section = main.getByRole('region', { name: module.title });
			const links = section.getByRole('link');
			await expect(links).toHaveText(module.lessons.map((lesson) => lesson.title));
			for (const [i, lesson] of module.lessons.entries()) {
				await expect(links.nth(i)).toHaveAttribute('href', lesson.url);
				await expect(section.getByRole('listitem').nth(i)).toContainText(
					minutesText(lesson.minutes),
				);
			}
		}
	});

	test('shows the number of lessons and the total time of the course', async ({ page }) => {
		const course = expectedCourse();
		const lessons = course.flatMap((module) => module.lessons);
		const minutes = lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
		await page.goto('/');
		await expect(page.getByText(`${lessons.length} lessons`).first()).toBeVisible();
		await expect(page.getByText(`${course.length} modules`)).toContainText(minutesText(minutes));
	});
});
