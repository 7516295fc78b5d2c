/**
 * "When should I apply?" on an office page: a past release sold out twelve minutes after it
 * opened (rows written in SQL, as the booking worker would have left them); the page says so in
 * words and draws the free seats, and still shows both after a reload with the network off.
 */
import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import postgres from 'postgres';
import { expectAccessible, officeDate, submittedApplicationFor } from './booking-fixtures';
import { INDONESIAN_PHONE, open } from './helpers';
import { e2eServerInfo } from './server-info';

test.use(INDONESIAN_PHONE);

// No other spec writes releases for Semarang, so its figures are this spec's alone.
const OFFICE_CODE = 'SMG';
const TIME_ZONE = 'Asia/Jakarta';
const MINUTE = 60_000;

let sql: postgres.Sql;

test.beforeAll(() => {
	sql = postgres(e2eServerInfo().databaseUrl, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
	await sql?.end();
});

/** A release opened two days ago whose one seat went `minutes` after the opening. */
async function soldOutRelease(minutes: number) {
	const [office] = await sql<{ id: string }[]>`select id from offices where code = ${OFFICE_CODE}`;
	const { date } = officeDate(2, TIME_ZONE);
	const opensAt = new Date(Date.now() - 2 * 24 * 60 * MINUTE);
	const [release] = await sql<{ id: string }[]>`
		insert into quota_releases (office_id, label, first_date, last_date, opens_at)
		values (${office!.id}, 'Kuota Semarang uji', ${date}, ${date}, ${opensAt})
		returning id`;
	const [slot] = await sql<{ id: string }[]>`
		insert into slots (office_id, release_id, date, start_time, end_time, starts_at, ends_at,
			passport_type, service, capacity, booked)
		values (${office!.id}, ${release!.id}, ${date}, '08:00', '09:00',
			(${date}::date + '08:00'::time) at time zone ${TIME_ZONE},
			(${date}::date + '09:00'::time) at time zone ${TIME_ZONE},
			'elektronik', 'reguler', 1, 1)
		returning id`;
	const email = `cepat.${Date.now()}@example.id`;
	const [user] = await sql<{ id: string }[]>`
		insert into users (email, full_name, phone, password_hash, email_verified_at)
		values (${email}, 'Pemohon Cepat', '+6281234567000', 'not-a-password-hash', now())
		returning id`;
	const application = await submittedApplicationFor(sql, email);
	const bookedAt = new Date(opensAt.getTime() + minutes * MINUTE);
	const attemptId = randomUUID();
	await sql`
		insert into booking_attempts (id, account_id, release_id, slot_id, application_ids, token_id,
			outcome, decided_by, decided_at)
		values (${attemptId}, ${user!.id}, ${release!.id}, ${slot!.id}, ${[application.id]}::uuid[],
			${randomUUID()}, 'booked', 'e2e', ${bookedAt})`;
	await sql`
		insert into bookings (attempt_id, application_id, account_id, slot_id, release_id, office_id,
			status, expires_at, created_at)
		values (${attemptId}, ${application.id}, ${user!.id}, ${slot!.id}, ${release!.id},
			${office!.id}, 'paid', ${new Date(bookedAt.getTime() + 60 * MINUTE)}, ${bookedAt})`;
}

async function officePageKept(page: Page): Promise<boolean> {
	return page.evaluate(
		(key) =>
			new Promise<boolean>((resolve) => {
				const request = indexedDB.open('lancar');
				request.onerror = () => resolve(false);
				request.onsuccess = () => {
					const database = request.result;
					if (!database.objectStoreNames.contains('meta')) return resolve(false);
					const read = database.transaction('meta').objectStore('meta').get(key);
					read.onsuccess = () => resolve(read.result !== undefined);
					read.onerror = () => resolve(false);
				};
			}),
		`office-page:${OFFICE_CODE}`
	);
}

test('the office page advises from a sold-out release, and still does offline', async ({
	page,
	context
}) => {
	await soldOutRelease(12);
	await open(page, `/offices/${OFFICE_CODE.toLowerCase()}`);

	const advice = page.getByTestId('advice-lines');
	await expect(advice).toContainText(
		'Kuota terakhir habis dalam 12 menit: masuk ruang tunggu sebelum pembukaan.'
	);
	await expect(advice).toContainText('Belum ada kursi kosong dalam 14 hari ke depan');
	const chart = page.getByRole('img', { name: 'Kursi kosong per hari' });
	await expect(chart).toBeVisible();
	await expect(chart.locator('rect')).toHaveCount(1);
	await page.getByText('Angka lengkap').click();
	await expect(page.getByRole('cell', { name: '12 menit' })).toBeVisible();
	await expectAccessible(page, 'office page with advice');

	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), {
			message: 'a service worker controls the page',
			timeout: 20_000
		})
		.toBe('activated');
	await expect.poll(() => officePageKept(page), { timeout: 10_000 }).toBe(true);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('advice-offline')).toBeVisible();
	await expect(page.getByTestId('advice-lines')).toContainText(
		'Kuota terakhir habis dalam 12 menit'
	);
	await expect(page.getByRole('img', { name: 'Kursi kosong per hari' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Semarang');
});

test('an unknown office code is still a 404, now that the page loads universally', async ({
	page
}) => {
	const response = await page.goto('/offices/NOPE');
	expect(response?.status()).toBe(404);
});
