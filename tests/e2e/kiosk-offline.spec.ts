/**
 * A hall board restarted with no connection: the kiosk browser reloads while offline and still
 * opens the board (not the app shell) with the last numbers it saw, marked as not current;
 * once the connection is back it catches up with what happened meanwhile.
 */
import postgres from 'postgres';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { INDONESIAN_PHONE, logIn, open, PASSWORD } from './helpers';
import { OFFICE_TIME_ZONE, officeWithStaff, paidBookingToday } from './office-fixtures';
import { e2eServerInfo } from './server-info';

test.use(INDONESIAN_PHONE);

let sql: postgres.Sql;

test.beforeAll(() => {
	sql = postgres(e2eServerInfo().databaseUrl, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
	await sql?.end();
});

async function checkIn(staff: Page, number: string, expected: string) {
	await open(staff, '/office/checkin');
	await staff.getByLabel('Nomor permohonan').fill(number);
	await staff.getByRole('button', { name: 'Terima kedatangan' }).click();
	await expect(staff.getByTestId('checkin-ticket')).toContainText(`Nomor antrean ${expected}`);
}

test('a kiosk reloaded offline shows its last board, marked stale, and catches up online', async ({
	page: staff,
	browser
}) => {
	const office = await officeWithStaff(sql);
	const { number: first } = await paidBookingToday(sql, office.id, 'Siti Rahmawati');
	const { number: second } = await paidBookingToday(sql, office.id, 'Budi Santoso');
	await logIn(staff, office.email, PASSWORD);
	await expect(staff).toHaveURL(/\/office/);

	const kioskContext = await browser.newContext({
		viewport: { width: 1280, height: 720 },
		locale: 'id-ID',
		timezoneId: OFFICE_TIME_ZONE
	});
	const kiosk = await kioskContext.newPage();
	const board = kiosk.getByTestId('kiosk-board');

	await test.step('online, the board shows a checked-in number and keeps its page', async () => {
		await kiosk.goto(`/kiosk/${office.code}`);
		await expect(board).toHaveAttribute('data-connected', 'true');
		await checkIn(staff, first, 'A-001');
		await expect(kiosk.getByTestId('kiosk-next')).toHaveText('A-001');
		await expect(kiosk.getByTestId('kiosk-waiting')).toHaveText('1');
		await expect
			.poll(() => kiosk.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), {
				timeout: 20_000
			})
			.toBe('activated');
		await expect
			.poll(() =>
				kiosk.evaluate(async () => {
					const kept = await caches.match(location.pathname, {
						cacheName: 'lancar-kiosk-page'
					});
					return kept ? (await kept.text()).includes('data-testid="kiosk-board"') : false;
				})
			)
			.toBe(true);
	});

	await test.step('offline, a reload opens the board with the last numbers, marked', async () => {
		await kioskContext.setOffline(true);
		await kiosk.reload();
		await expect(board).toBeVisible();
		await expect(kiosk).toHaveTitle(/Kantor Imigrasi Uji/);
		await expect(kiosk.getByTestId('kiosk-next')).toHaveText('A-001');
		await expect(kiosk.getByTestId('kiosk-waiting')).toHaveText('1');
		await expect(kiosk.getByTestId('kiosk-stale')).toContainText(
			/Tidak diperbarui sejak \d\d:\d\d/
		);
		await expect(board).toHaveAttribute('data-connected', 'false');
	});

	await test.step('meanwhile a second applicant is checked in', async () => {
		await checkIn(staff, second, 'A-002');
	});

	await test.step('back online, the board catches up and the mark goes', async () => {
		await kioskContext.setOffline(false);
		await expect(board).toHaveAttribute('data-connected', 'true');
		await expect(kiosk.getByTestId('kiosk-waiting')).toHaveText('2');
		await expect(kiosk.getByTestId('kiosk-next')).toContainText('A-002');
		await expect(kiosk.getByTestId('kiosk-stale')).toHaveCount(0);
	});

	await kioskContext.close();
});
