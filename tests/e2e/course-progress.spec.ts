import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleInBothThemes } from './support/axe.ts';
import { expectedLessons, type ExpectedLesson } from './support/course.ts';
import { labsOf } from './support/lesson-blocks.ts';

// The learner's progress lives in the browser; these tests use only what a learner can do (read
// to the end of a lesson, press buttons, pick files), except that a passed lab is recorded the way
// the lab workspace records it, since passing a real lab belongs to the lab tests.
const lessons = expectedLessons();
const first = lessons[0]!;
const withLab = lessons.find((lesson) => labsOf(lesson).length > 0);

/** Scrolls to the end of a lesson and leaves it, which is when reaching the end is recorded. */
async function readToEnd(page: Page, lesson: ExpectedLesson): Promise<void> {
	await page.goto(lesson.url);
	await expect(page.getByRole('button', { name: 'Mark as read' })).toHaveAttribute(
		'aria-pressed',
		'false',
	);
	await page
		.getByRole('navigation', { name: 'Previous and next lessons' })
		.scrollIntoViewIfNeeded();
	await page.reload();
	await expect(page.getByRole('button', { name: 'Mark as read' })).toHaveAttribute(
		'aria-pressed',
		'true',
	);
}

function row(page: Page, lesson: ExpectedLesson) {
	return page.getByRole('row', { name: lesson.title });
}

async function expectRead(
	page: Page,
	lesson: ExpectedLesson,
	read: 'Yes' | 'Not yet',
): Promise<void> {
	await expect(row(page, lesson).getByRole('cell').first()).toHaveText(read);
}

async function passLab(page: Page, lesson: ExpectedLesson): Promise<void> {
	const id = labsOf(lesson)[0]!;
	await page.evaluate(
		(key) => localStorage.setItem(key, new Date().toISOString()),
		`lab:${id}:passed`,
	);
}

async function exportProgress(page: Page): Promise<string> {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export progress' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^course-progress-\d{4}-\d\d-\d\d\.json$/);
	const path = test.info().outputPath(file.suggestedFilename());
	await file.saveAs(path);
	return path;
}

async function eraseProgress(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Reset progress…' }).click();
	await page
		.getByRole('dialog', { name: 'Erase all your progress?' })
		.getByRole('button', { name: 'Erase progress' })
		.click();
	await expect(page.getByRole('status')).toHaveText('Your progress was erased.');
}

test.describe('learner progress', () => {
	test('a lesson read to its end counts as read from then on, and the outlines say so', async ({
		page,
	}) => {
		await readToEnd(page, first);
		const sidebar = page.getByRole('navigation', { name: 'Course outline' });
		const link = page.getByRole('link', { name: first.title, exact: true });
		await expect(sidebar.getByRole('listitem').filter({ has: link }).last()).toContainText('Read');
		await page.goto('/');
		await expect(
			page.getByRole('main').getByRole('listitem').filter({ has: link }).last(),
		).toContainText('Read');
	});

	test('a lesson left before its end stays unread', async ({ page }) => {
		await page.goto(first.url);
		await expect(page.getByRole('button', { name: 'Mark as read' })).toHaveAttribute(
			'aria-pressed',
			'false',
		);
		await page.goto('/progress/');
		await expectRead(page, first, 'Not yet');
	});

	test('Mark as read records the lesson, and pressing it again takes the mark away', async ({
		page,
	}) => {
		const lesson = lessons[1] ?? first;
		await page.goto(lesson.url);
		const button = page.getByRole('button', { name: 'Mark as read' });
		await expect(button).toHaveAttribute('aria-pressed', 'false');
		await button.click();
		await expect(button).toHaveAttribute('aria-pressed', 'true');
		await expect(page.getByText('This lesson is marked as read.')).toBeVisible();
		await page.goto('/progress/');
		await expectRead(page, lesson, 'Yes');

		await page.goto(lesson.url);
		await page.getByRole('button', { name: 'Mark as read' }).click();
		await expect(page.getByRole('button', { name: 'Mark as read' })).toHaveAttribute(
			'aria-pressed',
			'false',
		);
		// The learner's own choice stands, even though the button sits at the end of the lesson.
		await page.goto('/progress/');
		await expectRead(page, lesson, 'Not yet');
	});

	test('a lab embedded in two lessons counts once, and the course counts each of its labs once', async ({
		page,
	}) => {
		// The labs of the course, and one that two lessons embed, read from the lessons on disk.
		const ids = lessons.flatMap(labsOf);
		const distinct = new Set(ids).size;
		const shared = ids.find((id, index) => ids.indexOf(id) !== index);
		expect(shared, 'some lab is embedded in two lessons').toBeDefined();
		await page.goto('/progress/');
		await page.evaluate(
			(key) => localStorage.setItem(key, new Date().toISOString()),
			`lab:${shared}:passed`,
		);
		await page.reload();
		await expect(page.getByText(`and passed 1 of ${distinct} labs.`)).toBeVisible();
		// Every lab of the course (a folder with a checks.ts) is embedded in some lesson, so labs added
		// with their lessons need no change here.
		const labsDir = process.env['COURSE_LABS_DIR'] ?? 'labs';
		const onDisk = readdirSync(labsDir, { withFileTypes: true }).filter(
			(entry) => entry.isDirectory() && existsSync(`${labsDir}/${entry.name}/checks.ts`),
		);
		expect(distinct).toBe(onDisk.length);
	});

	test('an exported file brings everything back after a reset', async ({ page }) => {
		await readToEnd(page, first);
		if (withLab) await passLab(page, withLab);
		await page.goto('/progress/');
		await expectRead(page, first, 'Yes');
		const file = await exportProgress(page);

		await eraseProgress(page);
		await expectRead(page, first, 'Not yet');
		if (withLab) await expect(row(page, withLab).getByRole('cell').nth(2)).toHaveText(/^0 of/);

		await page.getByLabel('Import a progress file').setInputFiles(file);
		await expect(page.getByRole('status')).toContainText('Imported the progress');
		await page.reload();
		await expectRead(page, first, 'Yes');
		if (withLab) await expect(row(page, withLab).getByRole('cell').nth(2)).toHaveText(/^1 of/);
	});

	test('a damaged or foreign file is refused with a message, and the progress stays as it was', async ({
		page,
	}) => {
		await readToEnd(page, first);
		await page.goto('/progress/');
		const exported = readFileSync(await exportProgress(page), 'utf8');
		const broken = [
			{ name: 'cut-short.json', text: exported.slice(0, exported.length / 2) },
			{ name: 'package.json', text: JSON.stringify({ name: 'something-else', version: '1.0.0' }) },
			{
				name: 'bad-date.json',
				text: exported.replace(/"read": "[^"]+"/, '"read": "last Tuesday"'),
			},
		];
		for (const { name, text } of broken) {
			await page.getByLabel('Import a progress file').setInputFiles({
				name,
				mimeType: 'application/json',
				buffer: Buffer.from(text),
			});
			await expect(page.getByRole('status'), name).toContainText('This file was not imported');
			await expect(page.getByRole('status'), name).toContainText('Your progress is unchanged.');
			if (name === 'package.json') await expectAccessibleInBothThemes(page, 'a refused import');
			// Clearing the message shows the next file's answer is a new one, not the last one left over.
			await page.evaluate(
				() => (document.querySelector('[data-progress-message]')!.textContent = ''),
			);
		}
		await page.reload();
		await expectRead(page, first, 'Yes');
		expect(
			readFileSync(await exportProgress(page), 'utf8').replace(/"exportedAt": "[^"]+"/, ''),
		).toBe(exported.replace(/"exportedAt": "[^"]+"/, ''));
	});

	test('reset asks first: keeping the progress changes nothing, erasing clears it', async ({
		page,
	}) => {
		await readToEnd(page, first);
		await page.goto('/progress/');
		await page.getByRole('button', { name: 'Reset progress…' }).click();
		const dialog = page.getByRole('dialog', { name: 'Erase all your progress?' });
		await expect(dialog).toBeVisible();
		await expect(dialog.getByRole('button', { name: 'Keep my progress' })).toBeFocused();
		await expectAccessibleInBothThemes(page, 'the reset dialog');
		await dialog.getByRole('button', { name: 'Keep my progress' }).click();
		await expect(dialog).toBeHidden();
		await expectRead(page, first, 'Yes');

		await eraseProgress(page);
		await expectRead(page, first, 'Not yet');
		await page.reload();
		await expectRead(page, first, 'Not yet');
	});
});
