import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.spec.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		...devices['Pixel 5'],
		// Debian's Chromium: Playwright's own browser download is not reachable from these machines.
		browserName: 'chromium',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-gpu'
			]
		}
	},
	webServer: {
		command: `npx tsx tests/e2e/serve.ts`,
		url: `http://127.0.0.1:${PORT}/`,
		env: { E2E_PORT: String(PORT) },
		reuseExistingServer: false,
		// Without this Playwright SIGKILLs the server and serve.ts never drops its database.
		gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
