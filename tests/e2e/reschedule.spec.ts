/**
 * A paid appointment (payment is other work, so the booking is written as paid in the
 * database) is moved once by the applicant on its own page, after which the option is gone;
 * the office's staff then find it in their daily inbox with a link to its cover letter.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { hashPassword } from '../../src/lib/server/auth/password';
import { INDONESIAN_PHONE, logIn, open, PASSWORD } from './helpers';
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

const ZONE = 'Asia/Makassar';

function officeDate(days: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(
		new Date(Date.now() + days * 86_400_000)
	);
}

async function user(role: 'applicant' | 'staff', fullName: string, officeId: string | null) {
	const email = `e2e.${role}.${Date.now()}.${randomUUID().slice(0, 6)}@example.id`;
	const [row] = await sql<{ id: string }[]>`
		insert into users (email, full_name, phone, birth_date, password_hash, role, office_id, email_verified_at)
		values (${email}, ${fullName}, '+6281234567890', ${role === 'applicant' ? '1985-12-03' : null},
			${await hashPassword(PASSWORD)}, ${role}, ${officeId}, now())
		returning id`;
	return { id: row!.id, email };
}

/** An office in WITA with an open release over two dates, two slots a day. */
async function officeWithQuota(firstDate: string, secondDate: string) {
	const code = `E2E-${randomUUID().slice(0, 6).toUpperCase()}`;
	const [office] = await sql<{ id: string }[]>`
		insert into offices (code, name, city, province_code, address, time_zone, passport_types, services)
		values (${code}, ${`Kantor Imigrasi Uji ${code}`}, 'Makassar', '73', 'Jl. Uji No. 5', ${ZONE},
			'{biasa,elektronik}', '{reguler}')
		returning id`;
	const [release] = await sql<{ id: string }[]>`
		insert into quota_releases (office_id, label, first_date, last_date, opens_at)
		values (${office!.id}, 'Uji Ubah Jadwal', ${firstDate}, ${secondDate}, now() - interval '1 hour')
		returning id`;
	const slots: Record<string, string> = {};
	for (const date of [firstDate, secondDate]) {
		for (const [start, end] of [
			['08:00', '09:00'],
			['09:00', '10:00']
		] as const) {
			const [slot] = await sql<{ id: string }[]>`
				insert into slots (office_id, release_id, date, start_time, end_time, starts_at, ends_at,
					passport_type, service, capacity)
				values (${office!.id}, ${release!.id}, ${date}, ${start}, ${end},
					(${date}::date + ${start}::time) at time zone ${ZONE},
					(${date}::date + ${end}::time) at time zone ${ZONE},
					'elektronik', 'reguler', 5)
				returning id`;
			slots[`${date} ${start}`] = slot!.id;
		}
	}
	return { officeId: office!.id, releaseId: release!.id, slots };
}

/** What a completed payment leaves behind: a paid booking and a paid application. */
async function paidBooking(accountId: string, releaseId: string, officeId: string, slotId: string) {
	const [applicant] = await sql<{ id: string }[]>`
		insert into applicants (account_id, is_account_holder, nik, full_name, birth_place, birth_date, sex,
			marital_status, occupation, province_code, regency, district, address, phone, mother_name, father_name)
		values (${accountId}, true, '7371014312850004', 'Andi Makkasau', 'Makassar', '1985-12-03', 'M',
			'married', 'Nelayan', '73', 'Kota Makassar', 'Ujung Pandang', 'Jl. Somba Opu No. 3',
			'+6281234567890', 'Daeng Ratu', 'Daeng Nai')
		returning id`;
	const applicationId = randomUUID();
	const number = `E2E${Date.now()}`;
	await sql`
		insert into applications (id, account_id, applicant_id, number, status, form, submitted_at)
		values (${applicationId}, ${accountId}, ${applicant!.id}, ${number}, 'paid',
			${sql.json({ service: 'reguler', passportType: 'elektronik', applicationType: 'baru', validityYears: 10 })},
			now())`;
	const attemptId = randomUUID();
	await sql`
		insert into booking_attempts (id, account_id, release_id, slot_id, application_ids, token_id, outcome, decided_by)
		values (${attemptId}, ${accountId}, ${releaseId}, ${slotId}, ${[applicationId]}::uuid[], 'e2e', 'booked', 'e2e')`;
	await sql`update slots set booked = booked + 1 where id = ${slotId}`;
	const [booking] = await sql<{ id: string }[]>`
		insert into bookings (attempt_id, application_id, account_id, slot_id, release_id, office_id, status, expires_at)
		values (${attemptId}, ${applicationId}, ${accountId}, ${slotId}, ${releaseId}, ${officeId}, 'paid',
			now() + interval '2 hours')
		returning id`;
	return { bookingId: booking!.id, number };
}

test('a paid appointment is moved once by the applicant, reaches the office inbox, and staff can move it again', async ({
	page
}) => {
	const firstDate = officeDate(3);
	const secondDate = officeDate(4);
	const quota = await officeWithQuota(firstDate, secondDate);
	const applicant = await user('applicant', 'Andi Makkasau', null);
	const { bookingId, number } = await paidBooking(
		applicant.id,
		quota.releaseId,
		quota.officeId,
		quota.slots[`${firstDate} 08:00`]!
	);
	let newBookingId = '';

	await test.step('the applicant opens the paid booking and sees until when it may move', async () => {
		await logIn(page, applicant.email, PASSWORD);
		await expect(page).toHaveURL(/\/dashboard/);
		await open(page, '/booking');
		await page.getByRole('link', { name: 'Ubah jadwal atau batalkan' }).click();
		await expect(page).toHaveURL(new RegExp(`/booking/manage/${bookingId}$`));
		await expect(page.getByRole('heading', { level: 1, name: 'Kelola jadwal' })).toBeVisible();
		await expect(page.getByTestId('current-appointment')).toContainText('08:00–09:00 WITA');
		await expect(page.getByTestId('reschedule-deadline')).toHaveText(
			/^Jadwal dapat diubah satu kali, paling lambat .+ pukul 23\.59 WITA\.$/
		);
		await expectAccessible(page, 'manage booking');
	});

	await test.step('cancelling warns plainly that the fee is not refunded', async () => {
		await page.getByRole('button', { name: 'Batalkan', exact: true }).click();
		await expect(page.getByRole('alert')).toContainText('TIDAK dikembalikan');
		await expect(page.getByRole('button', { name: 'Ya, batalkan jadwal' })).toBeDisabled();
		await expectAccessible(page, 'cancel confirmation');
		await page.getByRole('button', { name: 'Tidak, simpan jadwal' }).click();
	});

	await test.step('the applicant picks a new date and time', async () => {
		await page.getByRole('button', { name: 'Ubah jadwal', exact: true }).click();
		await page.getByLabel('Tanggal baru').selectOption(secondDate);
		await page.getByRole('radio', { name: /09:00–10:00 WITA/ }).check();
		await page.getByRole('button', { name: 'Pindahkan ke jadwal ini' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: 'Jadwal berhasil diubah' })
		).toBeVisible();
		await expect(page).not.toHaveURL(new RegExp(`/booking/manage/${bookingId}$`));
		newBookingId = /\/booking\/manage\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
		await expect(page.getByTestId('current-appointment')).toContainText('09:00–10:00 WITA');
	});

	await test.step('the option is gone after the one reschedule, also after a reload', async () => {
		await page.reload();
		await expect(page.getByTestId('reschedule-unavailable')).toContainText('sudah pernah diubah');
		await expect(page.getByRole('button', { name: 'Ubah jadwal', exact: true })).toHaveCount(0);
		const rows = await sql<{ id: string; status: string; slot_id: string }[]>`
			select id, status, slot_id from bookings where application_id =
				(select application_id from bookings where id = ${bookingId}) order by created_at`;
		expect(rows.map((row) => [row.id, row.status])).toEqual([
			[bookingId, 'rescheduled'],
			[newBookingId, 'paid']
		]);
		expect(rows[1]!.slot_id).toBe(quota.slots[`${secondDate} 09:00`]);
	});

	await test.step('staff of the office see it in the inbox for its day, with the letter', async () => {
		await page.context().clearCookies();
		const staff = await user('staff', 'Petugas Makassar', quota.officeId);
		await logIn(page, staff.email, PASSWORD);
		await expect(page).toHaveURL(/\/office/);
		await page.getByRole('link', { name: 'Kotak masuk harian' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Kotak masuk kantor' })).toBeVisible();
		await page.getByLabel('Tanggal', { exact: true }).fill(secondDate);
		await page.getByRole('button', { name: 'Tampilkan' }).click();
		const entry = page.getByTestId('inbox-entry');
		await expect(entry).toHaveCount(1);
		await expect(entry).toContainText('Andi Makkasau');
		await expect(entry).toContainText(number);
		await expect(entry).toContainText('09:00–10:00 WITA');
		await expect(entry).toContainText('Jadwal diubah');
		await expectAccessible(page, 'office inbox');
		await expect(
			entry.getByRole('link', { name: `Unduh surat pengantar ${number}` })
		).toHaveAttribute('href', `/api/bookings/${newBookingId}/letter`);
	});

	await test.step('staff move it once more with a special reschedule and a reason', async () => {
		const entry = page.getByTestId('inbox-entry');
		await entry.getByText('Jadwal ulang khusus').click();
		await entry.getByLabel('Tanggal baru').fill(secondDate);
		await entry.getByRole('button', { name: 'Cari jam kosong' }).click();
		await page
			.getByTestId('inbox-entry')
			.getByRole('radio', { name: /08:00–09:00/ })
			.check();
		await page.getByTestId('inbox-entry').getByLabel('Sebab').selectOption({ label: 'Sakit' });
		await page
			.getByTestId('inbox-entry')
			.getByLabel('Alasan', { exact: true })
			.fill('Pemohon dirawat, surat dokter terlampir');
		await page.getByRole('button', { name: 'Simpan jadwal ulang khusus' }).click();
		await expect(page.getByText('Jadwal ulang khusus disimpan.')).toBeVisible();
		await expect(page.getByTestId('inbox-entry')).toContainText('08:00–09:00 WITA');
		const [change] = await sql<{ kind: string; category: string; reason: string }[]>`
			select kind, category, reason from booking_changes where booking_id = ${newBookingId}`;
		expect(change).toEqual({
			kind: 'special_reschedule',
			category: 'illness',
			reason: 'Pemohon dirawat, surat dokter terlampir'
		});

		// The old date no longer lists it.
		await page.getByLabel('Tanggal', { exact: true }).fill(firstDate);
		await page.getByRole('button', { name: 'Tampilkan' }).click();
		await expect(
			page.getByText('Tidak ada permohonan yang sudah dibayar pada tanggal ini.')
		).toBeVisible();
	});

	await test.step('the office cancels it (office closed): the seat returns, the person is told', async () => {
		await page.getByLabel('Tanggal', { exact: true }).fill(secondDate);
		await page.getByRole('button', { name: 'Tampilkan' }).click();
		const entry = page.getByTestId('inbox-entry');
		await entry.getByText('Batalkan jadwal oleh kantor').click();
		await entry.getByLabel('Alasan pembatalan').fill('Kantor tutup karena banjir');
		await entry.getByRole('button', { name: 'Batalkan jadwal ini' }).click();
		await expect(page.getByText('Jadwal dibatalkan. Pemohon diberi tahu')).toBeVisible();
		await expect(page.getByTestId('inbox-entry')).toContainText('Dibatalkan kantor');
		await page.screenshot({ path: 'test-results/inbox-office-cancel.png', fullPage: true });
		const [slot] = await sql<{ booked: number }[]>`
			select booked from slots where id = ${quota.slots[`${secondDate} 08:00`]!}`;
		expect(slot!.booked).toBe(0);
		await expect
			.poll(
				async () =>
					(
						await sql<{ kind: string }[]>`
							select kind from notifications where user_id = ${applicant.id}`
					).map((row) => row.kind),
				{ message: 'the cancellation notice', timeout: 15_000 }
			)
			.toContain('office_cancel');
	});
});
