import { expect, test } from '@playwright/test';
import { expectedLessons } from './support/course.ts';

// What every lesson promises a learner, checked on the rendered page rather than in the source:
// what they will learn (the objectives from its front matter), a quiz to check themselves with,
// and the key takeaways to leave with.
for (const lesson of expectedLessons()) {
	test(`${lesson.url} shows its objectives, a quiz and its key takeaways`, async ({ page }) => {
		await page.goto(lesson.url);
		const main = page.getByRole('main');
		await expect(main.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
		const objectives = main.getByRole('region', { name: 'What you will learn' });
		await expect(objectives.getByRole('listitem')).toHaveText(lesson.objectives);
		await expect(main.getByRole('heading', { name: 'Check your understanding' })).toBeVisible();
		await expect(main.locator('[data-quiz-form]').getByRole('radio').first()).toBeVisible();
		const takeaways = main.getByRole('region', { name: 'Key takeaways' });
		await expect(takeaways.getByRole('listitem').first()).toBeVisible();
	});
}
