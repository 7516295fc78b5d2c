/**
 * The installable app: Chromium's own installability check, the service worker taking control,
 * pages opening with the network off, personal answers never stored in a cache, and the
 * "new version" prompt.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { startDeploymentProxy } from './deployment-proxy';
import { INDONESIAN_PHONE, registerAndVerify } from './helpers';

test.use(INDONESIAN_PHONE);

interface WebAppManifest {
	icons: { src: string; sizes: string; purpose: string }[];
	shortcuts: { name: string; url: string }[];
}

/** Resolves once a service worker controls `page` (it claims the page on first install). */
async function waitForServiceWorkerControl(page: Page) {
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), {
			message: 'a service worker controls the page',
			timeout: 20_000
		})
		.toBe('activated');
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
	expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The app's top bar is on screen (not Chromium's offline page). */
async function expectAppChrome(page: Page) {
	await expect(page.getByRole('link', { name: 'Lancar', exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('Chromium finds the manifest valid and reports no installability errors', async ({
	playwright,
	baseURL
}, testInfo) => {
	// Playwright's usual contexts are incognito, where Chromium never offers installation
	// ("in-incognito"); a context with a profile on disk is a normal browser window.
	const profile = mkdtempSync(join(tmpdir(), 'lancar-pwa-profile-'));
	const context = await playwright.chromium.launchPersistentContext(profile, {
		...testInfo.project.use.launchOptions,
		baseURL,
		viewport: { width: 393, height: 727 },
		isMobile: true,
		locale: INDONESIAN_PHONE.locale
	});
	const page = context.pages()[0] ?? (await context.newPage());
	try {
		await checkManifestAndInstallability(page);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

async function checkManifestAndInstallability(page: Page) {
	await page.goto('/');
	await waitForServiceWorkerControl(page);

	const cdp = await page.context().newCDPSession(page);
	const { errors, data } = await cdp.send('Page.getAppManifest', {});
	expect(errors).toEqual([]);
	const manifest = JSON.parse(data ?? '{}') as WebAppManifest;
	expect(manifest).toMatchObject({
		name: 'Lancar — Paspor tanpa antre',
		short_name: 'Lancar',
		start_url: '/dashboard?source=pwa',
		scope: '/',
		display: 'standalone',
		lang: 'id',
		theme_color: '#0b4f6c'
	});
	expect(manifest.shortcuts.map((shortcut) => [shortcut.name, shortcut.url])).toEqual([
		['Permohonan saya', '/dashboard?source=pwa-shortcut'],
		['Tambah pemohon', '/applicants/new?source=pwa-shortcut']
	]);

	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors).toEqual([]);

	// Each declared icon exists and is a PNG of the declared size; the maskable one is separate.
	expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
		'192x192 any',
		'512x512 any',
		'512x512 maskable'
	]);
	for (const icon of manifest.icons) {
		const response = await page.request.get(icon.src);
		expect(response.status(), icon.src).toBe(200);
		expect(response.headers()['content-type']).toBe('image/png');
		const { width, height } = pngSize(await response.body());
		expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
	}

	const manifestResponse = await page.request.get('/manifest.webmanifest');
	expect(manifestResponse.headers()['content-type']).toBe('application/manifest+json');
	const apple = await page.request.get('/icons/apple-touch-icon.png');
	expect(pngSize(await apple.body())).toEqual({ width: 180, height: 180 });
}

test('the service worker activates and controls the page from the first visit', async ({
	page
}) => {
	await page.goto('/');
	await waitForServiceWorkerControl(page);
	const registration = await page.evaluate(async () => {
		const ready = await navigator.serviceWorker.ready;
		return { scope: ready.scope, script: ready.active?.scriptURL ?? '' };
	});
	expect(new URL(registration.scope).pathname).toBe('/');
	expect(new URL(registration.script).pathname).toBe('/service-worker.js');
});

test('with the network off, the landing page and the app shell still open the app', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForServiceWorkerControl(page);
	await context.setOffline(true);

	// Without the service worker these navigations fail with net::ERR_INTERNET_DISCONNECTED.
	const landing = await page.reload();
	expect(landing?.fromServiceWorker()).toBe(true);
	await expectAppChrome(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ajukan paspor dari ponsel, tanpa drama kuota'
	);

	const shell = await page.goto('/app-shell');
	expect(shell?.fromServiceWorker()).toBe(true);
	await expectAppChrome(page);

	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expectAppChrome(page);
});

test('an applicant page is answered with the precached shell, also offline', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForServiceWorkerControl(page);
	await context.setOffline(true);
	const response = await page.goto('/applicants/new');
	expect(response?.fromServiceWorker()).toBe(true);
	await expectAppChrome(page);
});

test('personal answers carry no-store and never land in a service worker cache', async ({
	page
}) => {
	await page.goto('/');
	await waitForServiceWorkerControl(page);

	const answer = await page.evaluate(async () => {
		const response = await fetch('/api/trpc/auth.me');
		return { status: response.status, cacheControl: response.headers.get('cache-control') };
	});
	expect(answer).toEqual({ status: 200, cacheControl: 'private, no-store' });
	const data = await page.request.get('/__data.json');
	expect(data.headers()['cache-control']).toBe('private, no-store');

	// A page whose data comes from the server, opened through the shell, fetches __data.json.
	await page.goto('/dashboard');
	await expect(page).toHaveURL(/\/login/);

	const cached = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
		}
		return urls;
	});
	expect(cached).toContain('/app-shell');
	expect(cached.some((path) => path.startsWith('/_app/immutable/'))).toBe(true);
	// /app-shell/__data.json is written at build time for nobody (no session): not personal.
	const personal = cached.filter(
		(path) =>
			/^\/api\/(trpc|session|uploads|documents)(\/|$)/.test(path) ||
			(path.endsWith('__data.json') && path !== '/app-shell/__data.json')
	);
	expect(personal).toEqual([]);
});

test('a waiting new version is offered, and the page reloads only when the person chooses', async ({
	page,
	baseURL
}) => {
	const proxy = await startDeploymentProxy(baseURL ?? '');
	try {
		await page.goto(`${proxy.origin}/login`);
		await waitForServiceWorkerControl(page);
		const email = page.getByLabel('Email', { exact: true });
		await email.fill('sedang.mengetik@example.id');
		await page.evaluate(() => {
			(window as unknown as { notReloaded: boolean }).notReloaded = true;
		});

		proxy.deploy();
		// What the app does itself every hour and when it comes back to the foreground.
		await page.evaluate(async () => (await navigator.serviceWorker.ready).update());

		const prompt = page.getByTestId('update-prompt');
		await expect(prompt).toBeVisible({ timeout: 20_000 });
		await expect(prompt).toContainText('Versi baru Lancar siap');
		await expect(page.getByRole('status').filter({ has: prompt })).toBeVisible();
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null)
		).toBe(true);

		// Nothing happens behind the person's back: the page and what they typed stay.
		await page.waitForTimeout(1_000);
		await expect(email).toHaveValue('sedang.mengetik@example.id');
		expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);

		const reloaded = page.waitForEvent('load');
		await prompt.getByRole('button', { name: 'Muat ulang' }).click();
		await reloaded;
		expect(await page.evaluate(() => 'notReloaded' in window)).toBe(false);
		await waitForServiceWorkerControl(page);
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting === null)
		).toBe(true);
		await expect(page.getByTestId('update-prompt')).toHaveCount(0);
	} finally {
		await proxy.close();
	}
});

test('signed in, the dashboard reloads with the network off', async ({ page, context }) => {
	const account = await registerAndVerify(page);
	await waitForServiceWorkerControl(page);
	await context.setOffline(true);
	await page.reload();
	await expect(
		page.getByRole('heading', { level: 1, name: `Halo, ${account.fullName}` })
	).toBeVisible();
});
