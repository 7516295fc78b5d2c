/**
 * "Book for me when my turn comes": an applicant waiting in the pre-queue chooses two times in
 * order of preference and allows no other. Their first choice fills up before the opening, so
 * at their turn the server books the second one for them, with no click in the browser.
 * When every chosen time is gone by the turn, the page says why and the turn is theirs to book by hand.
 */
import { expect } from '@playwright/test';
import { test } from './fixtures';
import postgres from 'postgres';
import { INDONESIAN_PHONE, open } from './helpers';
import { expectAccessible, releaseOpeningSoon } from './booking-fixtures';
import { applicantReadyToBook, enterJayapuraRoom } from './booking-steps';
import { e2eServerInfo } from './server-info';

test.use(INDONESIAN_PHONE);

let sql: postgres.Sql;

test.beforeAll(() => {
	sql = postgres(e2eServerInfo().databaseUrl, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
	await sql?.end();
});

test('an applicant chooses times while waiting and is booked into the second at their turn, with no click', async ({
	page
}) => {
	const { application } = await applicantReadyToBook(page, sql);
	const { releaseId } = await releaseOpeningSoon(sql, {
		label: 'Uji Pesan Otomatis',
		inSeconds: 25,
		daysAhead: 5,
		times: [
			['08:00', '09:00'],
			['09:00', '10:00'],
			['10:00', '11:00']
		],
		capacity: 10
	});
	const slotRows = await sql<{ id: string; start: string }[]>`
		select id, start_time as start from slots where release_id = ${releaseId}`;
	const slotAt = (start: string) => slotRows.find((slot) => slot.start === start)!.id;
	const slotA = slotAt('08:00');
	const slotB = slotAt('09:00');

	const chooser = page.getByRole('region', { name: 'Pesan otomatis saat giliran Anda' });
	const preQueue = page.getByRole('heading', { level: 2, name: 'Anda sudah di antrean awal' });

	await test.step('enter the waiting room before the opening', async () => {
		await enterJayapuraRoom(page, 'Uji Pesan Otomatis');
		await expect(page).toHaveURL(new RegExp(`/booking/room/${releaseId}$`));
		await expect(preQueue).toBeVisible();
		await expect(chooser).toBeVisible();
		await expect(chooser.getByText('Belum ada jam yang dipilih.')).toBeVisible();
	});

	await test.step('choose 08:00 first, then 09:00, no other time, and save', async () => {
		await chooser.getByRole('radio', { name: /08:00–09:00 · 10 kursi/ }).check();
		await chooser.getByRole('button', { name: 'Tambahkan ke pilihan' }).click();
		// A chosen time is no longer offered; the next one is picked for adding.
		await expect(chooser.getByRole('radio', { name: /08:00–09:00/ })).toHaveCount(0);
		await chooser.getByRole('radio', { name: /09:00–10:00 · 10 kursi/ }).check();
		await chooser.getByRole('button', { name: 'Tambahkan ke pilihan' }).click();
		await chooser
			.getByRole('checkbox', { name: /Jika semua pilihan saya penuh/ })
			.setChecked(false);
		await expect(chooser.getByText('Perubahan belum disimpan.')).toBeVisible();
		await chooser.getByRole('button', { name: 'Simpan pilihan' }).click();
		await expect(chooser.getByRole('status')).toHaveText(
			'Tersimpan. Kami akan memesankan jadwal saat giliran Anda tiba.'
		);
		const chosen = chooser.getByTestId('auto-chosen').getByRole('listitem');
		await expect(chosen).toHaveCount(2);
		await expect(chosen.nth(0)).toContainText(/08:00–09:00 WIT/);
		await expect(chosen.nth(1)).toContainText(/09:00–10:00 WIT/);
		await expectAccessible(page, 'slot chooser');
		await chooser.screenshot({ path: 'test-results/auto-booking-chooser.png' });
	});

	await test.step('after a reload the stored choice is shown in its order', async () => {
		await page.reload();
		await expect(preQueue).toBeVisible();
		const chosen = chooser.getByTestId('auto-chosen').getByRole('listitem');
		await expect(chosen).toHaveCount(2);
		await expect(chosen.nth(0)).toContainText(/08:00–09:00 WIT/);
		await expect(chosen.nth(1)).toContainText(/09:00–10:00 WIT/);
		await expect(
			chooser.getByRole('checkbox', { name: /Jika semua pilihan saya penuh/ })
		).not.toBeChecked();
	});

	await test.step('others take every seat of the first choice before the opening', async () => {
		await sql`update slots set booked = capacity where id = ${slotA}`;
		// Still before the opening, so the turn comes after the slot filled.
		await expect(preQueue).toBeVisible();
	});

	await test.step('at the turn the second choice is booked without a click', async () => {
		await expect(page.getByRole('heading', { level: 2, name: 'Jadwal Anda ditahan' })).toBeVisible({
			timeout: 45_000
		});
		await expect(page.getByText('Jadwal ini kami pesankan dari pilihan Anda.')).toBeVisible();
		const hold = page.getByTestId('hold');
		await expect(hold).toHaveCount(1);
		await expect(hold).toContainText('Kantor Imigrasi Kelas I TPI Jayapura');
		await expect(hold).toContainText(/pukul 09:00–10:00 WIT/);
		await expect(hold).not.toContainText('08:00');
		await expect(hold).toContainText(/Bayar sebelum .* WIT/);
		const booked = await sql<{ slotId: string }[]>`
			select slot_id as "slotId" from bookings
			where application_id = ${application.id} and status = 'held'`;
		expect(booked.map((row) => row.slotId)).toEqual([slotB]);
		await expectAccessible(page, 'booked from the choice');
	});

	await test.step('a notice says what was booked and until when to pay', async () => {
		await open(page, '/notifications');
		const notice = page
			.getByTestId('notices')
			.getByRole('listitem')
			.filter({ hasText: 'Jadwal Anda di Kantor Imigrasi Kelas I TPI Jayapura sudah dipesan' });
		await expect(notice).toHaveCount(1, { timeout: 20_000 });
		await expect(notice).toContainText(/09[.:]00 WIT\. Bayar sebelum .+ WIT\./);
		await expect(notice.getByRole('link', { name: 'Lihat jadwal dan bayar' })).toBeVisible();
		await page.screenshot({ path: 'test-results/auto-booking-notice.png', fullPage: true });
	});
});

test('when every chosen time is gone at the turn, the applicant is told why and books by hand', async ({
	page
}) => {
	await applicantReadyToBook(page, sql);
	// A date of its own: another spec's quota at this office may share the times.
	const { releaseId } = await releaseOpeningSoon(sql, {
		label: 'Uji Tolak',
		inSeconds: 25,
		daysAhead: 6,
		times: [
			['08:00', '09:00'],
			['09:00', '10:00'],
			['10:00', '11:00']
		],
		capacity: 10
	});
	const chooser = page.getByRole('region', { name: 'Pesan otomatis saat giliran Anda' });
	await enterJayapuraRoom(page, 'Uji Tolak');
	await chooser.getByRole('radio', { name: /08:00–09:00/ }).check();
	await chooser.getByRole('button', { name: 'Tambahkan ke pilihan' }).click();
	await chooser.getByRole('button', { name: 'Simpan pilihan' }).click();
	await expect(chooser.getByRole('status')).toContainText('Tersimpan');
	await sql`update slots set booked = capacity where release_id = ${releaseId} and start_time = '08:00'`;
	await expect(
		page.getByRole('heading', { level: 2, name: 'Giliran Anda! Pilih jadwal' })
	).toBeVisible({ timeout: 45_000 });
	await expect(page.getByRole('alert').first()).toContainText(
		'Kami belum berhasil memesankan jadwal pilihan Anda.'
	);
	await expectAccessible(page, 'refused');
	await page.screenshot({ path: 'test-results/auto-booking-refused.png', fullPage: true });
	await page.getByRole('radio', { name: /10:00–11:00/ }).check();
	await page.getByRole('button', { name: 'Pesan jadwal ini' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Jadwal Anda ditahan' })).toBeVisible();
	await expect(page.getByText('Jadwal ini kami pesankan dari pilihan Anda.')).toHaveCount(0);
	await expect(page.getByTestId('hold')).toContainText(/pukul 10:00–11:00 WIT/);
});
