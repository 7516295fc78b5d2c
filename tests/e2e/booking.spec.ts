/**
 * The heart of the product in a browser: an applicant with a submitted application finds an
 * office whose quota opens in a few seconds, waits in the pre-queue with a countdown, is
 * admitted at the opening, books a slot and sees the hold with its payment deadline. When the
 * quota is gone before their turn, the room says so and leads to where seats are still free.
 */
import { expect } from '@playwright/test';
import { test } from './fixtures';
import postgres from 'postgres';
import { hashPassword } from '../../src/lib/server/auth/password';
import { INDONESIAN_PHONE, logIn, open, PASSWORD } from './helpers';
import { expectAccessible, officeDate, releaseOpeningSoon } from './booking-fixtures';
import { applicantReadyToBook, enterJayapuraRoom } from './booking-steps';
import { e2eServerInfo } from './server-info';

test.use(INDONESIAN_PHONE);
test.describe.configure({ mode: 'serial' });

let sql: postgres.Sql;

test.beforeAll(() => {
	sql = postgres(e2eServerInfo().databaseUrl, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
	await sql?.end();
});

test('an applicant waits in the pre-queue, is admitted at the opening, books a slot and sees the hold', async ({
	page
}) => {
	await applicantReadyToBook(page, sql);
	await releaseOpeningSoon(sql, {
		label: 'Uji E2E',
		inSeconds: 25,
		daysAhead: 3,
		times: [
			['08:00', '09:00'],
			['09:00', '10:00']
		],
		capacity: 10
	});

	await test.step('choose the office and see the quota that is about to open', async () => {
		await open(page, '/booking');
		await expect(
			page.getByRole('heading', { level: 1, name: 'Pilih kantor dan jadwal' })
		).toBeVisible();
		// The only ready application is chosen already.
		await expect(page.getByRole('checkbox', { name: /Yohana Wenda/ })).toBeChecked();
		await page
			.getByLabel('Kantor imigrasi', { exact: true })
			.selectOption({ label: 'Kantor Imigrasi Kelas I TPI Jayapura — Jayapura' });
		await expect(page.getByRole('heading', { name: 'Kuota Uji E2E' })).toBeVisible();
		await expect(
			page.getByText('Semua tanggal dan jam memakai waktu setempat kantor (WIT).')
		).toBeVisible();
		await expect(page.getByText(/^Dibuka .* WIT$/)).toBeVisible();
		await expect(page.getByTestId('release-countdown')).toContainText('detik');
		await expect(page.getByText('Belum dibuka').first()).toBeVisible();
		await expectAccessible(page, 'booking calendar');
	});

	await test.step('enter the waiting room before the opening: pre-queue with a countdown', async () => {
		// Other tests may have opened quota at the same office: enter this release's room.
		await page
			.getByRole('article', { name: 'Kuota Uji E2E' })
			.getByRole('button', { name: 'Masuk ruang tunggu' })
			.click();
		await expect(page).toHaveURL(/\/booking\/room\/[0-9a-f-]{36}$/);
		await expect(
			page.getByRole('heading', { level: 2, name: 'Anda sudah di antrean awal' })
		).toBeVisible();
		await expect(page.getByTestId('room-countdown')).toContainText('detik');
		await expect(page.getByText(/Kuota dibuka .* WIT/)).toBeVisible();
		await expectAccessible(page, 'pre-queue');
		// A refresh keeps the place.
		await page.reload();
		await expect(
			page.getByRole('heading', { level: 2, name: 'Anda sudah di antrean awal' })
		).toBeVisible();
	});

	await test.step('admitted at the opening: choose a time and book it', async () => {
		await expect(
			page.getByRole('heading', { level: 2, name: 'Giliran Anda! Pilih jadwal' })
		).toBeVisible({
			timeout: 45_000
		});
		await expect(page.getByText('Sisa waktu memilih jadwal')).toBeVisible();
		await expect(page.getByRole('radio', { name: /08:00–09:00 · 10 kursi/ })).toBeChecked();
		await expectAccessible(page, 'slot choice');
		await page.getByRole('radio', { name: /09:00–10:00/ }).check();
		await page.getByRole('button', { name: 'Pesan jadwal ini' }).click();
	});

	await test.step('see the hold and its payment deadline', async () => {
		await expect(
			page.getByRole('heading', { level: 2, name: 'Jadwal Anda ditahan' })
		).toBeVisible();
		const hold = page.getByTestId('hold');
		await expect(hold).toHaveCount(1);
		await expect(hold).toContainText('Kantor Imigrasi Kelas I TPI Jayapura');
		await expect(hold).toContainText(/pukul 09:00–10:00 WIT/);
		await expect(hold).toContainText(/Bayar sebelum .* WIT/);
		// Two hours from the booking; the first second may still read 2 jam 0 menit.
		await expect(hold).toContainText(/Sisa waktu bayar\s*(1 jam 5\d menit|2 jam 0 menit)/);
		await expectAccessible(page, 'hold');
	});
});

test('office staff define a timetable and a quota release', async ({ page }) => {
	const [office] = await sql<{ id: string }[]>`select id from offices where code = 'MDC'`;
	const email = `petugas.${Date.now()}@example.id`;
	await sql`
		insert into users (email, full_name, phone, password_hash, role, office_id, email_verified_at)
		values (${email}, 'Petugas Manado', '+6281100000002', ${await hashPassword(PASSWORD)}, 'office_admin',
			${office!.id}, now())`;
	await logIn(page, email, PASSWORD);
	await expect(page).toHaveURL(/\/office/);
	await page.getByRole('link', { name: 'Atur kuota dan jadwal' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Kuota dan jadwal kantor' })
	).toBeVisible();
	await expect(page.getByText(/Semua jam dalam WITA/)).toBeVisible();

	const { date, weekday } = officeDate(5, 'Asia/Makassar');
	const weekdayNames = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
	await page.getByLabel('Hari').selectOption({ label: weekdayNames[weekday - 1]! });
	await page.getByLabel('Kursi').fill('15');
	await page.getByRole('button', { name: 'Simpan baris jadwal' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Tersimpan.' })).toBeVisible();
	await expect(page.getByRole('cell', { name: '08:00–09:00' })).toBeVisible();

	await page.getByLabel('Nama rilis').fill('Uji Staf');
	await page.getByLabel('Tanggal pertama').fill(date);
	await page.getByLabel('Tanggal terakhir').fill(date);
	await page.getByLabel('Tanggal dibuka').fill(officeDate(1, 'Asia/Makassar').date);
	await page.getByRole('button', { name: 'Buat rilis dan slot' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Rilis dibuat dengan 1 slot.' })
	).toBeVisible();
	await expect(page.getByText('0 dari 15 kursi terisi · 1 slot')).toBeVisible();
	await expectAccessible(page, 'office quota');
});

test('when the quota is gone by the opening, the room says so and leads to where seats are free', async ({
	page
}) => {
	await applicantReadyToBook(page, sql);
	// Dates of their own: other specs' quota at this office uses other days.
	const { releaseId } = await releaseOpeningSoon(sql, {
		label: 'Uji Habis',
		inSeconds: 20,
		daysAhead: 7,
		times: [['08:00', '09:00']],
		capacity: 2
	});
	// Another quota of the office, open and roomy: it heads the alternatives.
	await releaseOpeningSoon(sql, {
		label: 'Uji Cadangan',
		inSeconds: -60,
		daysAhead: 8,
		times: [
			['08:00', '09:00'],
			['09:00', '10:00'],
			['10:00', '11:00']
		],
		capacity: 200
	});

	await enterJayapuraRoom(page, 'Uji Habis');
	await expect(
		page.getByRole('heading', { level: 2, name: 'Anda sudah di antrean awal' })
	).toBeVisible();
	// Every seat goes before this person's number comes up.
	await sql`update slots set booked = capacity where release_id = ${releaseId}`;

	await expect(page.getByRole('heading', { level: 2, name: 'Kuota habis' })).toBeVisible({
		timeout: 45_000
	});
	await expect(page.getByText('Semua kursi kuota ini sudah diambil.')).toBeVisible();
	// No wait is promised while nobody is called, not even to the first in line.
	await expect(page.getByText('Menunggu kursi yang dilepas')).toBeVisible();
	await expect(page.getByText(/sekitar 0 detik/)).toHaveCount(0);
	// The standing choice no longer offers the seats it listed at the join.
	const chooser = page.getByRole('region', { name: 'Pesan otomatis saat giliran Anda' });
	await expect(chooser).toContainText('Semua jam kuota ini sedang penuh.');
	await expect(chooser.getByRole('radio')).toHaveCount(0);
	const elsewhere = page.getByRole('region', { name: 'Pilihan lain' }).getByRole('link', {
		name: /Kantor Imigrasi Kelas I TPI Jayapura, Jayapura: 600 kursi, mulai/
	});
	await expect(elsewhere).toBeVisible();
	await expectAccessible(page, 'sold out');
	await page.screenshot({ path: 'test-results/room-sold-out.png', fullPage: true });

	// The alternative opens the booking page at that office, its quota ready to enter.
	await elsewhere.click();
	await expect(page).toHaveURL(/\/booking\?office=[0-9a-f-]{36}$/);
	await expect(
		page.getByRole('heading', { name: 'Kuota di Kantor Imigrasi Kelas I TPI Jayapura' })
	).toBeVisible();
	await expect(
		page
			.getByRole('article', { name: 'Kuota Uji Cadangan' })
			.getByRole('button', { name: 'Masuk ruang tunggu' })
	).toBeVisible();
});
