/**
 * The "Push di perangkat ini" toggle in Chromium. Headless Chromium here has no push service
 * to reach (no network beyond this machine), so a real subscription cannot be made: these
 * tests drive the toggle up to the browser's answer — permission asked only on the click,
 * refused permission, no support, and the subscribe failure told honestly. Delivery itself
 * (encryption, VAPID, 410) is proven by the integration tests with the real adapter.
 */
import { expect, test, type Page } from '@playwright/test';
import { INDONESIAN_PHONE, open, registerAndVerify } from './helpers';

test.use(INDONESIAN_PHONE);

async function waitForServiceWorker(page: Page) {
	await expect
		.poll(
			() => page.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration('/'))),
			{
				message: 'the service worker is registered',
				timeout: 20_000
			}
		)
		.toBe(true);
}

/** Counts permission requests, so the test can tell none was made before the click. */
async function countPermissionRequests(page: Page) {
	await page.addInitScript(() => {
		const original = Notification.requestPermission.bind(Notification);
		(window as unknown as { permissionRequests: number }).permissionRequests = 0;
		Notification.requestPermission = () => {
			(window as unknown as { permissionRequests: number }).permissionRequests += 1;
			return original();
		};
	});
}

const requests = (page: Page) =>
	page.evaluate(() => (window as unknown as { permissionRequests: number }).permissionRequests);

test('push asks for permission only on the click, and says so when it is refused', async ({
	page
}) => {
	await countPermissionRequests(page);
	await registerAndVerify(page);
	await open(page, '/notifications');
	await waitForServiceWorker(page);
	const device = page.getByTestId('push-device');
	const toggle = device.getByRole('switch', { name: 'Push di perangkat ini' });
	await expect(toggle).not.toBeChecked();
	expect(await requests(page)).toBe(0);

	await toggle.click();
	// Headless Chromium answers a permission prompt nobody granted with "denied".
	await expect(device.getByText('Izin pemberitahuan ditolak untuk situs ini')).toBeVisible();
	await expect(toggle).toBeDisabled();
	expect(await requests(page)).toBe(1);
	await page.screenshot({ path: 'test-results/push-denied.png', fullPage: true });
});

test('with permission granted but no reachable push service, push says it could not turn on', async ({
	page,
	context
}) => {
	await context.grantPermissions(['notifications']);
	await registerAndVerify(page);
	await open(page, '/notifications');
	await waitForServiceWorker(page);
	const device = page.getByTestId('push-device');
	const toggle = device.getByRole('switch', { name: 'Push di perangkat ini' });
	await toggle.click();
	// Permission was granted, so the failure is the push service's: told, and the box unticked.
	await expect(device.getByText('Push belum dapat dinyalakan')).toBeVisible({ timeout: 20_000 });
	await expect(toggle).not.toBeChecked();
	await expect(toggle).toBeEnabled();
	await page.screenshot({ path: 'test-results/push-granted.png', fullPage: true });
});

test('a browser without push support is told so, and email and in-app notices stay', async ({
	page
}) => {
	await page.addInitScript(() => {
		delete (window as unknown as { PushManager?: unknown }).PushManager;
	});
	await registerAndVerify(page);
	await open(page, '/notifications');
	const device = page.getByTestId('push-device');
	await expect(device.getByText('Peramban ini tidak mendukung pemberitahuan push.')).toBeVisible();
	await expect(device.getByRole('switch')).toHaveCount(0);
});
