/**
 * The office floor in two browsers: a staff member checks an applicant in by typed application
 * number and calls them to a counter; the hall's kiosk board shows the number. The board then
 * loses its connection, a call is made meanwhile, and once back it catches up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import postgres from 'postgres';
import { INDONESIAN_PHONE, logIn, open, PASSWORD } from './helpers';
import { OFFICE_TIME_ZONE, officeWithStaff, paidBookingToday } from './office-fixtures';
import { e2eServerInfo } from './server-info';
import { expectAccessible } from './booking-fixtures';

test.use(INDONESIAN_PHONE);

let sql: postgres.Sql;

test.beforeAll(() => {
	sql = postgres(e2eServerInfo().databaseUrl, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
	await sql?.end();
});

const TIME_ZONE = OFFICE_TIME_ZONE;

async function checkIn(page: Page, number: string, expected: string) {
	await open(page, '/office/checkin');
	// Typed the way a person reads it off a phone: lower case with spaces.
	await page.getByLabel('Nomor permohonan').fill(number.toLowerCase().replaceAll('-', ' '));
	await page.getByRole('button', { name: 'Terima kedatangan' }).click();
	await expect(page.getByTestId('checkin-ticket')).toContainText(`Nomor antrean ${expected}`);
}

async function callNext(page: Page, expected: string) {
	await open(page, '/office/counter');
	await page.getByRole('button', { name: 'Panggil berikutnya' }).click();
	await expect(page.getByTestId('counter-serving')).toHaveText(`Sedang dilayani: ${expected}`);
}

test('staff check an applicant in and call them; the hall board shows it and catches up', async ({
	page: staff,
	browser
}) => {
	const office = await officeWithStaff(sql);
	const { number: first } = await paidBookingToday(sql, office.id, 'Siti Rahmawati');
	const { number: second } = await paidBookingToday(sql, office.id, 'Budi Santoso');

	const kioskContext = await browser.newContext({
		viewport: { width: 1280, height: 720 },
		locale: 'id-ID',
		timezoneId: TIME_ZONE
	});
	const kiosk = await kioskContext.newPage();
	await kiosk.goto(`/kiosk/${office.code}`);
	const board = kiosk.getByTestId('kiosk-board');
	await expect(board).toHaveAttribute('data-connected', 'true');
	await expect(kiosk.getByTestId('kiosk-waiting')).toHaveText('0');

	await test.step('staff check the applicant in by typed number', async () => {
		await logIn(staff, office.email, PASSWORD);
		await expect(staff).toHaveURL(/\/office/);
		await checkIn(staff, first, 'A-001');
		await expect(staff.getByText('Siti Rahmawati')).toBeVisible();
		await expectAccessible(staff, 'check-in');
		await expect(kiosk.getByTestId('kiosk-waiting')).toHaveText('1');
		await expect(kiosk.getByTestId('kiosk-next')).toHaveText('A-001');
	});

	await test.step('a counter opens and calls; the board shows the number at once', async () => {
		await open(staff, '/office/counter');
		await staff.getByLabel('Nomor loket').fill('4');
		await staff.getByLabel('Nama loket').fill('Loket 4');
		await staff.getByRole('button', { name: 'Buka loket' }).click();
		await expect(staff.getByRole('heading', { name: 'Loket 4 · Loket 4' })).toBeVisible();
		await callNext(staff, 'A-001');
		await expect(kiosk.getByTestId('kiosk-serving')).toContainText('A-001');
		await expect(kiosk.getByTestId('kiosk-serving')).toContainText('Loket 4');
		await expect(kiosk.getByTestId('kiosk-calling')).toContainText(
			'Nomor A-001 silakan ke loket 4'
		);
		await expect(kiosk.getByTestId('kiosk-waiting')).toHaveText('0');
		await expectAccessible(staff, 'counter');
		await expectAccessible(kiosk, 'kiosk board');
	});

	await test.step('the board loses its connection and keeps the last state, marked', async () => {
		await kioskContext.setOffline(true);
		await expect(kiosk.getByTestId('kiosk-stale')).toContainText(
			/Tidak diperbarui sejak \d\d:\d\d/
		);
		await expect(kiosk.getByTestId('kiosk-serving')).toContainText('A-001');
	});

	await test.step('meanwhile the next applicant is checked in and called', async () => {
		await staff.getByRole('button', { name: 'Pemeriksaan berkas' }).click();
		await expect(staff.getByText(/Pemeriksaan berkas: mulai/)).toBeVisible();
		await staff.getByRole('button', { name: 'Selesai' }).click();
		await expect(staff.getByText('Belum ada nomor yang dipanggil.')).toBeVisible();
		await checkIn(staff, second, 'A-002');
		await callNext(staff, 'A-002');
		// A later change without a call: only resuming from the board's last event (not just
		// the latest state) brings the missed call's announcement.
		await staff.getByRole('button', { name: 'Wawancara' }).click();
		await expect(staff.getByText(/^Wawancara: mulai/)).toBeVisible();
	});

	await test.step('back online, the board catches up with the call it missed', async () => {
		await kioskContext.setOffline(false);
		await expect(kiosk.getByTestId('kiosk-serving')).toContainText('A-002');
		await expect(kiosk.getByTestId('kiosk-serving')).not.toContainText('A-001');
		await expect(kiosk.getByTestId('kiosk-calling')).toContainText(
			'Nomor A-002 silakan ke loket 4'
		);
		await expect(kiosk.getByTestId('kiosk-stale')).toHaveCount(0);
		await expect(board).toHaveAttribute('data-connected', 'true');
	});

	await test.step('the board links its own full-screen manifest', async () => {
		const href = await kiosk.locator('link[rel="manifest"]').getAttribute('href');
		expect(href).toBe(`/kiosk/${office.code}/manifest.webmanifest`);
		const manifest = await (await kiosk.request.get(href!)).json();
		expect(manifest).toMatchObject({
			start_url: `/kiosk/${office.code}?source=kiosk`,
			display: 'fullscreen'
		});
	});

	await kioskContext.close();
});

test('a kiosk browser can install the board as its own full-screen app', async ({
	playwright,
	baseURL
}, testInfo) => {
	// Chromium offers installation only in a window with a profile on disk, not incognito.
	const profile = mkdtempSync(join(tmpdir(), 'lancar-kiosk-profile-'));
	const context = await playwright.chromium.launchPersistentContext(profile, {
		...testInfo.project.use.launchOptions,
		baseURL,
		viewport: { width: 1280, height: 720 },
		locale: 'id-ID'
	});
	const page = context.pages()[0] ?? (await context.newPage());
	try {
		await page.goto('/kiosk/JKS');
		await expect(page.getByTestId('kiosk-board')).toHaveAttribute('data-connected', 'true');
		await expect
			.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), {
				timeout: 20_000
			})
			.toBe('activated');
		const cdp = await context.newCDPSession(page);
		const { errors, data } = await cdp.send('Page.getAppManifest', {});
		expect(errors).toEqual([]);
		expect(JSON.parse(data ?? '{}')).toMatchObject({
			start_url: '/kiosk/JKS?source=kiosk',
			scope: '/kiosk/JKS',
			display: 'fullscreen'
		});
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});
