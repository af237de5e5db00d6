import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleInBothThemes } from './support/axe.ts';
import { expectedLessons } from './support/course.ts';

// The simulator as a learner uses it, on the first lesson that embeds it. The routing rules
// themselves are pinned by tests/site/balancer-simulator.test.ts; here the page must show them.
const lesson = expectedLessons().find((l) => /<BalancerSimulator\b/.test(l.body));

async function open(page: Page) {
	await page.goto(lesson!.url);
	const simulator = page.locator('[data-balancer-simulator]').first();
	await simulator.scrollIntoViewIfNeeded();
	return simulator;
}

async function sendRequests(page: Page, count: number, slow = false) {
	for (let i = 0; i < count; i++) {
		await page.getByRole('button', { name: slow ? 'Send slow request' : 'Send request' }).click();
	}
}

test.describe('the load balancer simulator', () => {
	test.skip(!lesson, 'No lesson embeds <BalancerSimulator /> yet.');

	test('round robin sends requests to the servers in turn, and the log says where each went', async ({
		page,
	}) => {
		const simulator = await open(page);
		await sendRequests(page, 4);
		const log = simulator.getByRole('log');
		await expect(log.getByRole('listitem')).toHaveText([
			/^Request 1 from .* went to server A: 200 \(round robin/,
			/^Request 2 .* server B: 200/,
			/^Request 3 .* server C: 200/,
			/^Request 4 .* server A: 200/,
		]);
		await expectAccessibleInBothThemes(
			page,
			'the simulator after four requests',
			'[data-balancer-simulator]',
		);
	});

	test('a stopped server fails its requests until health checks take it out of rotation', async ({
		page,
	}) => {
		const simulator = await open(page);
		const serverB = simulator
			.getByRole('list', { name: 'Servers' })
			.getByRole('listitem')
			.filter({ hasText: 'Server B' });
		await serverB.getByRole('button', { name: 'Stop server B' }).click();
		await expect(serverB).toContainText('Down, in rotation');
		await sendRequests(page, 2);
		await expect(simulator.getByRole('log').getByRole('listitem').last()).toContainText(
			'server B: 502',
		);

		const checks = simulator.getByRole('button', { name: 'Run health checks' });
		await checks.click();
		await expect(serverB).toContainText('Down, in rotation, 1 failed check');
		await checks.click();
		await expect(serverB).toContainText('Down, out of rotation');
		await expect(simulator.getByRole('log').getByRole('listitem').last()).toContainText(
			'B failed, taken out of rotation',
		);
		await sendRequests(page, 3);
		await expect(
			simulator.getByRole('log').getByRole('listitem').filter({ hasText: 'went to server B' }),
		).toHaveCount(1);
	});

	test('IP hash keeps a client on one server; least connections steers around a slow request', async ({
		page,
	}) => {
		const simulator = await open(page);
		await simulator.getByRole('radio', { name: 'IP hash' }).check();
		await sendRequests(page, 3);
		const requests = simulator
			.getByRole('log')
			.getByRole('listitem')
			.filter({ hasText: /^Request/ });
		await expect(requests).toHaveCount(3);
		const servers = (await requests.allTextContents()).map((line) => /server (\w)/.exec(line)?.[1]);
		expect(new Set(servers).size, servers.join(', ')).toBe(1);

		await simulator.getByRole('button', { name: 'Start over' }).click();
		await simulator.getByRole('radio', { name: 'Least connections' }).check();
		await sendRequests(page, 1, true);
		await sendRequests(page, 3);
		const lines = simulator
			.getByRole('log')
			.getByRole('listitem')
			.filter({ hasText: /^Request/ });
		await expect(lines).toHaveCount(4);
		await expect(lines.first()).toContainText('server A');
		await expect(lines.filter({ hasText: 'server A' })).toHaveCount(1);
		const serverA = simulator
			.getByRole('list', { name: 'Servers' })
			.getByRole('listitem')
			.filter({ hasText: 'Server A' });
		await expect(serverA).toContainText('1 open');
	});
});
