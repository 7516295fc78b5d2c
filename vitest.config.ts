import { defineConfig } from 'vitest/config';

// Tests import server and domain modules directly; the SvelteKit and Paraglide Vite plugins are
// not needed (messages are compiled by `npm run i18n` before the tests run).
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/integration/global-setup.ts'],
					setupFiles: ['tests/integration/setup-env.ts'],
					fileParallelism: false,
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
