import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { editor, openLab, savedFiles } from './lab-helpers.ts';

// A browser's storage can fill up (other sites' data, a small quota). Nothing the learner does may
// then be lost in silence: an edit that cannot be kept is announced with the files to download,
// and a progress import is kept whole or not at all.

/** Fills this origin's localStorage to within a few bytes, halving the chunk on each refusal. */
async function fillStorage(page: Page): Promise<void> {
	const entries = await page.evaluate(() => {
		let size = 1 << 20;
		let count = 0;
		for (let tries = 0; size >= 4 && tries < 10_000; tries++) {
			try {
				localStorage.setItem(`filler-${count}`, 'x'.repeat(size));
				count++;
			} catch {
				size = Math.floor(size / 2);
			}
		}
		return count;
	});
	expect(entries).toBeGreaterThan(0);
}

async function emptyFiller(page: Page): Promise<void> {
	await page.evaluate(() => {
		for (const key of Object.keys(localStorage))
			if (key.startsWith('filler-')) localStorage.removeItem(key);
	});
}

test.describe('a full storage', () => {
	test('an edit that cannot be saved is announced at once, with the files to download, and saving resumes when room returns', async ({
		page,
	}) => {
		const region = await openLab(page, 'orders-api');
		await fillStorage(page);
		await editor(page, 'server.js').focus();
		await page.keyboard.press('ControlOrMeta+Home');
		await page.keyboard.type('// kept in the editor\n');

		const alert = region.getByRole('alert').filter({ hasText: 'could not be saved' });
		await expect(alert).toBeVisible();
		const download = page.waitForEvent('download');
		await alert.getByRole('button', { name: 'Download your files' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toBe('orders-api-files.zip');
		const path = test.info().outputPath('files.zip');
		await file.saveAs(path);
		const zip = readFileSync(path);
		// A stored (uncompressed) ZIP: its signature, then the file's name and text as they are.
		expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
		expect(zip.toString('utf8')).toContain('orders-api/server.js');
		expect(zip.toString('utf8')).toContain('// kept in the editor\n');
		expect((await savedFiles(page, 'orders-api'))['server.js'] ?? '').not.toContain(
			'// kept in the editor',
		);

		await emptyFiller(page);
		await editor(page, 'server.js').focus();
		await page.keyboard.press('ControlOrMeta+Home');
		await page.keyboard.type('// and saved\n');
		await expect(region.getByText('Your edits are saved in this browser again.')).toBeVisible();
		await expect(alert.getByRole('button', { name: 'Download your files' })).toBeHidden();
		expect((await savedFiles(page, 'orders-api'))['server.js']).toMatch(
			/^\/\/ and saved\n\/\/ kept in the editor\n/,
		);
	});

	test('a progress import that does not fit is refused whole, and the progress stays as it was', async ({
		page,
	}) => {
		await page.goto('/progress/');
		const summary = page.getByText(/^You have read \d+ of \d+ lessons/);
		await expect(summary).toContainText('You have read 0 of');
		const exported = {
			format: 'client-server-course-progress',
			version: 1,
			exportedAt: new Date().toISOString(),
			progress: {
				version: 1,
				lessons: { '/lessons/foundations/introduction/': { read: new Date().toISOString() } },
			},
			labsPassed: { 'orders-api': new Date().toISOString() },
		};
		await fillStorage(page);
		await page.getByLabel('Import a progress file').setInputFiles({
			name: 'progress.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(exported)),
		});
		await expect(page.getByRole('status')).toHaveText(
			'progress.json was not imported: this browser would not store it (its storage is full or turned off). Your progress is unchanged.',
		);
		await emptyFiller(page);
		await page.reload();
		await expect(summary).toContainText('You have read 0 of');
		await expect(summary).toContainText('passed 0 of');
		expect(
			await page.evaluate(() =>
				Object.keys(localStorage).filter((key) => !key.startsWith('filler-')),
			),
		).toEqual([]);
	});
});
