/**
 * `test` for specs that must run clean under the Content-Security-Policy: any console message
 * about it (a blocked script, style, image, worker or connection) fails the test, in the
 * default context and in any context the test opens itself.
 */
import { test as base, expect, type BrowserContext } from '@playwright/test';

/** Collects the CSP complaints of a context, also one from a browser a test launched itself. */
export function watchCsp(context: BrowserContext, violations: string[]): void {
	context.on('console', (message) => {
		if (message.text().includes('Content Security Policy')) {
			violations.push(`${message.location().url}: ${message.text()}`);
		}
	});
}

export const test = base.extend<{ cspGuard: void }>({
	cspGuard: [
		async ({ browser, context }, use) => {
			const violations: string[] = [];
			const watch = (watched: BrowserContext) => watchCsp(watched, violations);
			watch(context);
			const newContext = browser.newContext.bind(browser);
			browser.newContext = async (options) => {
				const opened = await newContext(options);
				watch(opened);
				return opened;
			};
			await use();
			browser.newContext = newContext;
			expect(violations, 'Content Security Policy violations').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };
