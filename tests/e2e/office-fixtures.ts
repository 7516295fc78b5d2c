/**
 * Office floor data for browser tests, written straight to the E2E database: an office with
 * one staff member, and paid bookings for today as payment (built elsewhere) would leave them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { hashPassword } from '../../src/lib/server/auth/password';
import { PASSWORD } from './helpers';

export const OFFICE_TIME_ZONE = 'Asia/Jakarta';
const TIME_ZONE = OFFICE_TIME_ZONE;

export function today(): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}

/** A fresh office with one staff member (or office admin), so the board starts empty. */
export async function officeWithStaff(sql: postgres.Sql, role: 'staff' | 'office_admin' = 'staff') {
	const code = `K${randomBytes(3).toString('hex').toUpperCase()}`;
	const [office] = await sql<{ id: string }[]>`
		insert into offices (code, name, city, time_zone)
		values (${code}, ${`Kantor Imigrasi Uji ${code}`}, 'Bandung', ${TIME_ZONE}) returning id`;
	const email = `petugas.${code.toLowerCase()}@example.id`;
	await sql`
		insert into users (email, full_name, phone, password_hash, role, office_id, email_verified_at)
		values (${email}, 'Petugas Loket', '+6281100000003', ${await hashPassword(PASSWORD)}, ${role},
			${office!.id}, now())`;
	return { id: office!.id, code, email };
}

let slotSerial = 0;

/** A paid booking for today, as payment (built elsewhere) would leave it. */
export function paidBookingToday(sql: postgres.Sql, officeId: string, fullName: string) {
	return bookingToday(sql, officeId, fullName, 'paid');
}

/** A booking for today in one seat of its own slot: paid, or held with the payment still open. */
export async function bookingToday(
	sql: postgres.Sql,
	officeId: string,
	fullName: string,
	status: 'paid' | 'held'
) {
	const number = `LNC-${today().slice(2).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
	const [account] = await sql<{ id: string }[]>`
		insert into users (email, full_name, phone, birth_date, password_hash, email_verified_at)
		values (${`pemohon.${randomUUID()}@example.id`}, ${fullName}, '+6281234567890', '1985-12-03',
			'x', now()) returning id`;
	const nik = `3273${String(Date.now()).slice(-8)}${String(slotSerial).padStart(4, '0')}`;
	const [applicant] = await sql<{ id: string }[]>`
		insert into applicants (account_id, is_account_holder, nik, full_name, birth_place, birth_date,
			sex, marital_status, occupation, province_code, regency, district, address, phone,
			mother_name, father_name)
		values (${account!.id}, true, ${nik}, ${fullName}, 'Bandung', '1985-12-03', 'F', 'married',
			'Guru', '32', 'Kota Bandung', 'Sukajadi', 'Jl. Pasteur 12', '081234567890', 'Aminah', 'Hasan')
		returning id`;
	const applicationId = randomUUID();
	await sql`
		insert into applications (id, account_id, applicant_id, number, status, submitted_at)
		values (${applicationId}, ${account!.id}, ${applicant!.id}, ${number},
			${status === 'paid' ? 'paid' : 'booked'}, now())`;
	const [release] = await sql<{ id: string }[]>`
		insert into quota_releases (office_id, label, first_date, last_date, opens_at)
		values (${officeId}, 'Uji', ${today()}, ${today()}, now() - interval '7 days') returning id`;
	slotSerial += 1;
	const start = `${String(8 + slotSerial).padStart(2, '0')}:00`;
	const [slot] = await sql<{ id: string }[]>`
		insert into slots (office_id, release_id, date, start_time, end_time, starts_at, ends_at,
			passport_type, service, capacity, booked)
		values (${officeId}, ${release!.id}, ${today()}, ${start}, '23:00', now(), now(),
			'elektronik', 'reguler', 1, 1) returning id`;
	const attemptId = randomUUID();
	await sql`
		insert into booking_attempts (id, account_id, release_id, slot_id, application_ids, token_id,
			outcome, decided_by)
		values (${attemptId}, ${account!.id}, ${release!.id}, ${slot!.id}, ${[applicationId]},
			${randomUUID()}, 'booked', 'e2e')`;
	const [booking] = await sql<{ id: string }[]>`
		insert into bookings (attempt_id, application_id, account_id, slot_id, release_id, office_id,
			status, expires_at)
		values (${attemptId}, ${applicationId}, ${account!.id}, ${slot!.id}, ${release!.id}, ${officeId},
			${status}, now() + interval '1 hour') returning id`;
	return { number, bookingId: booking!.id };
}
