/**
 * The heart of the product in a browser: an applicant with a submitted application finds an
 * office whose quota opens in a few seconds, waits in the pre-queue with a countdown, is
 * admitted at the opening, books a slot and sees the hold with its payment deadline.
 */
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { hashPassword } from '../../src/lib/server/auth/password';
import {
	INDONESIAN_PHONE,
	logIn,
	newAccount,
	open,
	PASSWORD,
	register,
	verifyFromMailbox
} from './helpers';
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

/** The date `days` from now in an office zone, and its ISO weekday. */
function officeDate(days: number, timeZone: string) {
	const date = new Intl.DateTimeFormat('en-CA', { timeZone }).format(
		new Date(Date.now() + days * 86_400_000)
	);
	const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
	return { date, weekday };
}

/** Stands in for the submit flow: a submitted application for a new applicant of the account. */
async function submittedApplicationFor(email: string) {
	const [user] = await sql<
		{ id: string }[]
	>`select id from users where lower(email) = ${email.toLowerCase()}`;
	const [applicant] = await sql<{ id: string }[]>`
		insert into applicants (account_id, is_account_holder, nik, full_name, birth_place, birth_date, sex,
			marital_status, occupation, province_code, regency, district, address, phone, mother_name, father_name)
		values (${user!.id}, true, '9171015506880003', 'Yohana Wenda', 'Jayapura', '1988-06-15', 'F',
			'single', 'Perawat', '91', 'Kota Jayapura', 'Jayapura Utara', 'Jl. Percetakan No. 7', '+6281234567891',
			'Maria Wenda', 'Yakob Wenda')
		returning id`;
	await sql`
		insert into applications (id, account_id, applicant_id, number, status, form, submitted_at)
		values (${randomUUID()}, ${user!.id}, ${applicant!.id}, ${`E2E${Date.now()}`}, 'submitted',
			${sql.json({ service: 'reguler', passportType: 'elektronik', applicationType: 'baru', validityYears: 10 })},
			now())`;
}

/**
 * Office staff's work, done in SQL so this spec stays about the applicant: a timetable line and
 * a release of one date at Kantor Imigrasi Jayapura (WIT) that opens `inSeconds` from now.
 */
async function releaseOpeningSoon(inSeconds: number) {
	const [office] = await sql<{ id: string }[]>`select id from offices where code = 'DJJ'`;
	const { date } = officeDate(3, 'Asia/Jayapura');
	const [release] = await sql<{ id: string }[]>`
		insert into quota_releases (office_id, label, first_date, last_date, opens_at)
		values (${office!.id}, 'Uji E2E', ${date}, ${date}, ${new Date(Date.now() + inSeconds * 1000)})
		returning id`;
	for (const [start, end] of [
		['08:00', '09:00'],
		['09:00', '10:00']
	]) {
		await sql`
			insert into slots (office_id, release_id, date, start_time, end_time, starts_at, ends_at,
				passport_type, service, capacity)
			values (${office!.id}, ${release!.id}, ${date}, ${start!}, ${end!},
				(${date}::date + ${start!}::time) at time zone 'Asia/Jayapura',
				(${date}::date + ${end!}::time) at time zone 'Asia/Jayapura',
				'elektronik', 'reguler', 10)`;
	}
	return release!.id;
}

async function expectAccessible(page: Page, label: string) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	const serious = results.violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(serious, `axe on ${label}: ${serious.map((v) => v.id).join(', ')}`).toEqual([]);
}

test('an applicant waits in the pre-queue, is admitted at the opening, books a slot and sees the hold', async ({
	page
}) => {
	const account = newAccount({ fullName: 'Yohana Wenda' });
	await register(page, account);
	await verifyFromMailbox(page, account);
	await submittedApplicationFor(account.email);
	await releaseOpeningSoon(25);

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
		await page.getByRole('button', { name: 'Masuk ruang tunggu' }).click();
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
		values (${email}, 'Petugas Manado', '+6281100000002', ${await hashPassword(PASSWORD)}, 'staff',
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
