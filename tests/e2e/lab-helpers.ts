// Shared steps for the lab workspace tests: open a lab lesson, reach its editor and put text in it
// the way a learner would (focus, select all, type or paste). Files are read from the lab folders
// on disk, so the tests follow the labs as their authors change them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** A file of a lab as it is on disk, `labs/<id>/<kind>/<path>`. */
export function labFile(lab: string, kind: 'starter' | 'solution', path: string): string {
	return readFileSync(join('labs', lab, kind, path), 'utf8');
}

/** The lesson that embeds each lab. */
export const lessonOf: Record<string, string> = {
	'orders-api': '/lessons/practice/orders-api/',
	'round-robin': '/lessons/practice/round-robin/',
	'health-checks': '/lessons/practice/health-checks/',
	caching: '/lessons/practice/caching/',
};

/** The lab's section on the page, named by its heading. */
export function labRegion(page: Page, lab: string): Locator {
	return page.getByRole('region', { name: `Lab: ${lab}` });
}

export function editor(page: Page, path: string): Locator {
	return page.getByRole('textbox', { name: new RegExp(`^Editor: ${path.replace('.', '\\.')}`) });
}

/** Opens a lab lesson (local runtime unless told otherwise), scrolls to the lab, and waits until
 * its editor exists. Storage starts empty for each test, as Playwright gives each a new context. */
export async function openLab(page: Page, lab: string, query = '?runtime=local'): Promise<Locator> {
	await page.goto(`${lessonOf[lab]}${query}`);
	const region = labRegion(page, lab);
	await region.scrollIntoViewIfNeeded();
	await expect(region.getByRole('tablist', { name: 'Files' })).toBeVisible({ timeout: 15_000 });
	return region;
}

/** Replaces the whole text of one file by select-all and paste, as a learner copying code in
 * would. Typing it instead would let the editor's auto-indent change every line. */
export async function replaceFile(page: Page, path: string, text: string): Promise<void> {
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.evaluate((value) => navigator.clipboard.writeText(value), text);
	await page.getByRole('tab', { name: new RegExp(`^${path.replace('.', '\\.')}`) }).click();
	await editor(page, path).focus();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.press('ControlOrMeta+V');
}

/** Runs the checks and waits for the summary line, which ends every run. */
export async function runChecks(region: Locator, timeout = 60_000): Promise<void> {
	await region.getByRole('button', { name: 'Run checks' }).click();
	await expect(region.getByText(/^\d+ passed, \d+ failed/)).toBeVisible({ timeout });
}

/** The learner's files as the workspace saved them in this browser. */
export async function savedFiles(page: Page, lab: string): Promise<Record<string, string>> {
	const raw = await page.evaluate((key) => localStorage.getItem(key), `lab:${lab}:files`);
	return raw ? (JSON.parse(raw) as { files: Record<string, string> }).files : {};
}
