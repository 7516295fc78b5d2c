/** Every answer carries the security headers; pages carry SvelteKit's CSP with a nonce. */
import { expect } from '@playwright/test';
import {
	FALLBACK_CSP,
	PRERENDERED_PAGE_CSP,
	WORKER_CSP
} from '../../src/lib/server/ops/security-headers';
import { test } from './fixtures';

function expectCommonHeaders(headers: Record<string, string>) {
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(headers['permissions-policy']).toContain('camera=()');
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	// The e2e server runs in test mode; HSTS is for production only (unit-tested).
	expect(headers['strict-transport-security']).toBeUndefined();
}

test('a page carries the CSP with a nonce and no camera', async ({ request }) => {
	const response = await request.get('/login');
	expect(response.status()).toBe(200);
	const headers = response.headers();
	expectCommonHeaders(headers);
	const csp = headers['content-security-policy']!;
	expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
	expect(csp).toContain("connect-src 'self'");
	expect(csp).toContain('img-src');
	expect(headers['permissions-policy']).toContain('camera=()');
});

test('the check-in scanner page may use the camera', async ({ request }) => {
	const response = await request.get('/office/checkin', { maxRedirects: 0 });
	expect(response.headers()['permissions-policy']).toContain('camera=(self)');
});

test('an API answer and the health routes carry the headers', async ({ request }) => {
	for (const path of ['/api/session', '/healthz', '/readyz']) {
		const response = await request.get(path);
		expectCommonHeaders(response.headers());
		expect(response.headers()['permissions-policy']).toContain('camera=()');
	}
	const ready = await request.get('/readyz');
	expect(ready.status()).toBe(200);
	expect(await ready.json()).toEqual({ status: 'ready' });
});

test('files served straight from the build carry them too', async ({ request }) => {
	const login = await (await request.get('/login')).text();
	const asset = login.match(/\/_app\/immutable\/[^"']+\.js/)?.[0];
	expect(asset).toBeTruthy();
	const immutable = await request.get(asset!);
	expect(immutable.status()).toBe(200);
	expectCommonHeaders(immutable.headers());
	expect(immutable.headers()['content-security-policy']).toBe(WORKER_CSP);
	expect(immutable.headers()['cache-control']).toBe('public,max-age=31536000,immutable');

	// The service worker's own policy governs its fetches: it must allow our origin.
	const worker = await request.get('/service-worker.js');
	expect(worker.status()).toBe(200);
	expectCommonHeaders(worker.headers());
	expect(worker.headers()['content-security-policy']).toBe(WORKER_CSP);
	expect(worker.headers()['content-security-policy']).toContain("connect-src 'self'");
	expect(worker.headers()['cache-control'] ?? '').not.toContain('immutable');

	const manifest = await request.get('/manifest.webmanifest');
	expect(manifest.status()).toBe(200);
	expectCommonHeaders(manifest.headers());
	expect(manifest.headers()['content-security-policy']).toBe(FALLBACK_CSP);

	// The prerendered shell: its policy with script hashes is in a <meta>, the header adds
	// only what a <meta> cannot say.
	const shell = await request.get('/app-shell');
	expect(shell.status()).toBe(200);
	expectCommonHeaders(shell.headers());
	expect(shell.headers()['content-security-policy']).toBe(PRERENDERED_PAGE_CSP);
	expect(await shell.text()).toMatch(
		/<meta http-equiv="content-security-policy" content="[^"]*script-src 'self' 'sha256-/
	);

	// A revalidation answered 304 by the static server keeps them as well.
	const again = await request.get('/manifest.webmanifest', {
		headers: { 'if-none-match': manifest.headers()['etag']! }
	});
	expect(again.status()).toBe(304);
	expect(again.headers()['x-content-type-options']).toBe('nosniff');
});

test('the prerendered shell runs under its policy without violations', async ({ page }) => {
	// The shared fixture fails the test on any CSP violation report in the console.
	await page.goto('/app-shell');
	await expect(page.locator('body')).not.toBeEmpty();
});

test('tRPC refuses a non-JSON body (415) and a cross-site origin (403)', async ({
	request,
	baseURL
}) => {
	const form = await request.post('/api/trpc/auth.logout', {
		headers: { 'content-type': 'text/plain', origin: baseURL! },
		data: '{}'
	});
	expect(form.status()).toBe(415);
	expectCommonHeaders(form.headers());
	const crossSite = await request.post('/api/trpc/auth.logout', {
		headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
		data: '{}'
	});
	expect(crossSite.status()).toBe(403);
	const sameSite = await request.post('/api/trpc/auth.logout', {
		headers: { 'content-type': 'application/json', origin: baseURL! },
		data: '{}'
	});
	expect([200, 400, 401]).toContain(sameSite.status());
});

test('the CSP guard fails a test whose page breaks the policy', async ({ page }) => {
	// Expected to fail: proves the shared fixture turns a violation into a failed test.
	test.fail();
	await page.goto('/login');
	const reported = page.waitForEvent('console', (message) =>
		message.text().includes('Content Security Policy')
	);
	await page.evaluate(() => {
		const inline = document.createElement('script');
		inline.textContent = 'document.title = "injected"';
		document.head.append(inline);
	});
	await reported;
	expect(await page.title()).not.toBe('injected');
});

test('/metrics does not exist without METRICS_TOKEN', async ({ request }) => {
	const response = await request.get('/metrics');
	expect(response.status()).toBe(404);
	expect(response.headers()['x-content-type-options']).toBe('nosniff');
});
