// Opens a page in chromium and collects every problem a learner would never see but a deployment
// must not have: CSP violations (as events and as console errors) and uncaught page errors.
import type { Browser, Page } from '@playwright/test';

export interface Visit {
	page: Page;
	/** One line per violation or error, in the order they happened. */
	problems: string[];
}

export async function visit(browser: Browser, url: string): Promise<Visit> {
	const page = await browser.newPage();
	const problems: string[] = [];
	await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP: ${text}`));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
			report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
		});
	});
	page.on('console', (message) => {
		if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) {
			problems.push(`console: ${message.text()}`);
		}
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	await page.goto(url);
	return { page, problems };
}

/** Whether the page is cross-origin isolated and its theme script ran (the CSP would block it
 * without its hash). */
export async function isolatedWithTheme(page: Page): Promise<{ isolated: boolean; theme: boolean }> {
	return page.evaluate(() => ({ isolated: self.crossOriginIsolated, theme: 'js' in document.documentElement.dataset }));
}
