import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import type { Db } from '../../src/lib/server/db/client';
import { createRelease, saveTemplate } from '../../src/lib/server/booking/quota';

export interface VirtualAccount {
	accountId: string;
	sessionToken: string;
	applicationId: string;
}

/** Numbers and NIKs stay unique across every call in one run. */
let serial = 0;

function nikFor(index: number): string {
	return `31${String(index).padStart(14, '0')}`;
}

/**
 * Writes `count` verified applicant accounts, each with a live session and one submitted
 * application, straight into the database in batches (registration is not what is measured).
 */
export async function seedAccounts(
	sql: postgres.Sql,
	count: number,
	kind: { passportType: string; service: string }
) {
	const accounts: VirtualAccount[] = [];
	const batch = 1_000;
	const expiresAt = new Date(Date.now() + 86_400_000);
	for (let start = 0; start < count; start += batch) {
		const users = [];
		const sessions = [];
		const applicants = [];
		const applications = [];
		for (let row = start; row < Math.min(count, start + batch); row++) {
			const index = serial++;
			const accountId = randomUUID();
			const applicantId = randomUUID();
			const applicationId = randomUUID();
			const sessionToken = randomBytes(32).toString('base64url');
			users.push({
				id: accountId,
				email: `bench.${index}.${randomBytes(3).toString('hex')}@example.id`,
				full_name: `Pemohon ${index}`,
				phone: '+6281234567890',
				password_hash: 'bench-no-login',
				role: 'applicant',
				email_verified_at: new Date()
			});
			sessions.push({
				token_hash: createHash('sha256').update(sessionToken).digest('hex'),
				user_id: accountId,
				expires_at: expiresAt
			});
			applicants.push({
				id: applicantId,
				account_id: accountId,
				is_account_holder: true,
				nik: nikFor(index),
				full_name: `Pemohon ${index}`,
				birth_place: 'Jakarta',
				birth_date: '1990-01-01',
				sex: 'M',
				marital_status: 'single',
				occupation: 'Karyawan',
				province_code: '31',
				regency: 'Jakarta Selatan',
				district: 'Tebet',
				address: 'Jl. Bench No. 1',
				phone: '+6281234567890',
				mother_name: 'Ibu',
				father_name: 'Bapak'
			});
			applications.push({
				id: applicationId,
				account_id: accountId,
				applicant_id: applicantId,
				number: `B${String(index).padStart(9, '0')}`,
				status: 'submitted',
				form: sql.json({ ...kind, applicationType: 'baru', validityYears: 10 }),
				submitted_at: new Date()
			});
			accounts.push({ accountId, sessionToken, applicationId });
		}
		await sql`insert into users ${sql(users)}`;
		await sql`insert into sessions ${sql(sessions)}`;
		await sql`insert into applicants ${sql(applicants)}`;
		await sql`insert into applications ${sql(applications)}`;
	}
	return accounts;
}

/** Checks that the session hashing here matches the app's (sha256 hex of the cookie token). */
export function sessionCookie(token: string): string {
	return `lancar_session=${token}`;
}

/**
 * A release of one office-local date with `seats` seats in slots of `perSlot`, opening at
 * `opensAt`, made with the staff functions.
 */
export async function seedRelease(
	db: Db,
	options: {
		officeId: string;
		timeZone: string;
		staffId: string;
		seats: number;
		perSlot: number;
		opensAt: Date;
		date: string;
		weekday: number;
		kind: { passportType: 'elektronik'; service: 'reguler' };
		label: string;
	}
) {
	const slotCount = Math.ceil(options.seats / options.perSlot);
	for (let index = 0; index < slotCount; index++) {
		const minutes = 6 * 60 + index * 5;
		const time = (m: number) =>
			`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
		const capacity = Math.min(options.perSlot, options.seats - index * options.perSlot);
		await saveTemplate(db, options.officeId, {
			weekday: options.weekday,
			startTime: time(minutes),
			endTime: time(minutes + 5),
			...options.kind,
			capacity
		});
	}
	return createRelease(db, options.officeId, options.staffId, {
		label: options.label,
		firstDate: options.date,
		lastDate: options.date,
		opensAt: options.opensAt
	});
}
