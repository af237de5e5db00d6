import { defineConfig, devices } from '@playwright/test';

// The browser tests run against the real build served by scripts/serve.ts, the same server and
// headers as `npm start`. Set COURSE_CONTENT_DIR to run them against a fixture course.
const port = Number(process.env['E2E_PORT'] ?? 4399);
// The tests build into their own folder, so a `npm run build` running beside them cannot swap
// pages out mid-run; under node_modules/ it is out of reach of git, the linter and the type check.
// Test workers inherit this variable to find the pages to visit.
const dist = (process.env['E2E_DIST'] ??= 'node_modules/.cache/e2e-dist');
const isCI = Boolean(process.env['CI']);

export default defineConfig({
	testDir: 'tests/e2e',
	forbidOnly: isCI,
	retries: 0,
	workers: 2,
	reporter: isCI ? 'line' : 'list',
	// npm test runs these beside the unit tests, one of which keeps four busy loops running for a
	// minute: limits are caps on waits for a state, so a generous one costs a passing test nothing.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--headless',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				// Keep the browser on this machine: any other host fails at once, the same way every run.
				'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
			],
		},
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		// `npm test` builds the site once for every suite that serves it and says so with
		// E2E_PREBUILT; run alone, the browser tests build their own.
		command: process.env['E2E_PREBUILT']
			? 'node scripts/serve.ts'
			: `npm run build -- --outDir ${dist} && node scripts/serve.ts`,
		url: `http://127.0.0.1:${port}/`,
		env: { PORT: String(port), SITE_DIR: dist },
		reuseExistingServer: !isCI,
		timeout: 180_000,
		stdout: 'ignore',
		stderr: 'pipe',
	},
});
