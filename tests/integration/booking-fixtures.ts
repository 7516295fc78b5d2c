/**
 * Fast fixtures for booking tests: accounts, applicants and submitted applications written
 * straight to the database (the submit flow lives elsewhere), and fresh offices so tests never
 * share quota. Sessions are real, so procedures run with the same checks as over HTTP.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { createSession } from '../../src/lib/server/auth/sessions';
import type { AttemptJob } from '../../src/lib/server/booking/queue';
import { announceOfficesChanged } from '../../src/lib/server/booking/workers';
import { config } from '../../src/lib/server/config';
import { db } from '../../src/lib/server/db';
import { applicants, applications, offices, users } from '../../src/lib/server/db/schema';
import { createPrivilegedUser } from '../../src/lib/server/users';
import { FakeBrowser, PASSWORD, PROFILES, uniqueEmail } from './harness';

export interface TestAccount {
	id: string;
	browser: FakeBrowser;
}

/** A verified applicant account with a live session, without the mail round trip. */
export async function quickAccount(label = 'pemohon'): Promise<TestAccount> {
	const database = await db();
	const [user] = await database
		.insert(users)
		.values({
			email: uniqueEmail(label),
			fullName: 'Pemohon Uji',
			phone: '+6281234567890',
			birthDate: '1985-12-03',
			// Never used to log in: the session below is made directly.
			passwordHash: 'not-a-password-hash',
			emailVerifiedAt: new Date()
		})
		.returning({ id: users.id });
	const settings = config();
	const { token } = await createSession(database, user!.id, {
		idleDays: settings.SESSION_IDLE_DAYS,
		absoluteDays: settings.SESSION_ABSOLUTE_DAYS
	});
	const browser = new FakeBrowser();
	browser.token = token;
	return { id: user!.id, browser };
}

let nikSerial = 0;

/** A 16-digit NIK unique within the run (the database does not check its rules). */
function uniqueNik(): string {
	nikSerial += 1;
	const random = randomBytes(4).readUInt32BE() % 1_000_000;
	return `32${String(random).padStart(6, '0')}${String(nikSerial).padStart(8, '0')}`.slice(0, 16);
}

export interface Kind {
	passportType: 'biasa' | 'elektronik' | 'elektronik_polikarbonat';
	service: 'reguler' | 'percepatan';
}

export const ELEKTRONIK_REGULER: Kind = { passportType: 'elektronik', service: 'reguler' };

/** A submitted application (ready to book) for a new applicant of the account. */
export async function submittedApplication(
	accountId: string,
	kind: Kind = ELEKTRONIK_REGULER,
	nik = uniqueNik()
): Promise<{ id: string; applicantId: string; nik: string }> {
	const database = await db();
	const [applicant] = await database
		.insert(applicants)
		.values({ ...PROFILES.budi, nik, accountId, isAccountHolder: false, email: null })
		.returning({ id: applicants.id });
	const id = randomUUID();
	await database.insert(applications).values({
		id,
		accountId,
		applicantId: applicant!.id,
		status: 'submitted',
		number: `T${randomBytes(6).toString('hex').toUpperCase()}`,
		form: { ...kind, applicationType: 'baru', validityYears: 10 },
		submittedAt: new Date()
	});
	return { id, applicantId: applicant!.id, nik };
}

/** A fresh office of its own, so releases of different tests never overlap. */
export async function freshOffice(
	timeZone = 'Asia/Jakarta',
	offer: { passportTypes?: Kind['passportType'][]; services?: Kind['service'][] } = {}
) {
	const database = await db();
	const code = `T-${randomBytes(4).toString('hex').toUpperCase()}`;
	const [office] = await database
		.insert(offices)
		.values({
			code,
			name: `Kantor Imigrasi Uji ${code}`,
			city: 'Bandung',
			provinceCode: '32',
			address: 'Jl. Uji No. 1',
			timeZone,
			passportTypes: offer.passportTypes ?? ['biasa', 'elektronik'],
			services: offer.services ?? ['reguler', 'percepatan']
		})
		.returning();
	await announceOfficesChanged();
	return office!;
}

/**
 * A staff member of the office, signed in through the real login. Timetables, releases and
 * the office's page are an office admin's to change: pass 'office_admin' for those.
 */
export async function staffOf(officeId: string, role: 'staff' | 'office_admin' = 'staff') {
	const email = uniqueEmail('petugas');
	await createPrivilegedUser(await db(), {
		email,
		fullName: 'Petugas Loket',
		phone: '+6281100000001',
		password: PASSWORD,
		role,
		officeId
	});
	const browser = new FakeBrowser();
	await (await browser.caller()).auth.login({ email, password: PASSWORD });
	return browser.caller();
}

export async function adminCaller() {
	const email = uniqueEmail('admin');
	await createPrivilegedUser(await db(), {
		email,
		fullName: 'Admin Pusat',
		phone: '+6281100000000',
		password: PASSWORD,
		role: 'admin'
	});
	const browser = new FakeBrowser();
	await (await browser.caller()).auth.login({ email, password: PASSWORD });
	return browser.caller();
}

/** Office-local date `days` from today (tests run far from midnight edge cases by using +2). */
export function dateInDays(days: number, timeZone = 'Asia/Jakarta'): string {
	const instant = new Date(Date.now() + days * 86_400_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant);
}

/** The weekday (ISO) of a date, for templates that must match it. */
export function weekdayOf(date: string): number {
	const day = new Date(`${date}T12:00:00Z`).getUTCDay();
	return day === 0 ? 7 : day;
}

/**
 * A release on one date with `slotCount` one-hour slots of `capacity` seats, opening at
 * `opensAt`, created through the office admin's procedures.
 */
export async function releaseWithSlots(options: {
	officeId: string;
	slotCount: number;
	capacity: number;
	opensAt: Date;
	date?: string;
	kind?: Kind;
}) {
	const staff = await staffOf(options.officeId, 'office_admin');
	const date = options.date ?? dateInDays(3);
	const kind = options.kind ?? ELEKTRONIK_REGULER;
	for (let index = 0; index < options.slotCount; index++) {
		const minutes = 7 * 60 + index * 10;
		const time = (m: number) =>
			`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
		await staff.quota.saveTemplate({
			weekday: weekdayOf(date),
			startTime: time(minutes),
			endTime: time(minutes + 10),
			...kind,
			capacity: options.capacity
		});
	}
	const release = await staff.quota.createRelease({
		label: `Uji ${date}`,
		firstDate: date,
		lastDate: date,
		opensAt: options.opensAt
	});
	return { release, staff, date };
}

/**
 * A fresh office (in `timeZone`) with a release of `count` slots of `capacity` seats, three days
 * ahead, and the slots' ids earliest first.
 */
export async function releaseWithSlotIds(
	count: number,
	capacity: number,
	opensAt = new Date(Date.now() - 1_000),
	timeZone = 'Asia/Jakarta'
) {
	const office = await freshOffice(timeZone);
	const { release } = await releaseWithSlots({
		officeId: office.id,
		slotCount: count,
		capacity,
		opensAt,
		date: dateInDays(3, timeZone)
	});
	const rows = await (
		await db()
	).execute<{ id: string }>(
		sql`select id from slots where release_id = ${release.id} order by starts_at, id`
	);
	return { office, release, slotIds: [...rows].map((row) => row.id) };
}

/** Every seat of a slot taken, as if by others. */
export async function fillSlot(slotId: string) {
	await (await db()).execute(sql`update slots set booked = capacity where id = ${slotId}`);
}

/**
 * An open release with one slot of `capacity` seats, and a maker of booking attempts for that
 * slot, each by a new account with `people` submitted applications (for deciding directly).
 */
/** A new account with `count` submitted applications, their ids sorted (as a join sends them). */
export async function accountWithApplications(count = 1, label = 'pemohon') {
	const account = await quickAccount(label);
	const apps = await Promise.all(
		Array.from({ length: count }, () => submittedApplication(account.id))
	);
	return { account, applicationIds: apps.map((app) => app.id).sort() };
}

export async function oneSlotOpenRelease(capacity: number) {
	const office = await freshOffice();
	const { release } = await releaseWithSlots({
		officeId: office.id,
		slotCount: 1,
		capacity,
		opensAt: new Date(Date.now() - 1_000)
	});
	const [slot] = [
		...(await (
			await db()
		).execute<{ id: string }>(sql`select id from slots where release_id = ${release.id}`))
	];
	const attempt = async (people = 1): Promise<AttemptJob> => {
		const { account, applicationIds } = await accountWithApplications(people);
		return {
			attemptId: randomUUID(),
			accountId: account.id,
			releaseId: release.id,
			officeId: office.id,
			slotId: slot!.id,
			applicationIds,
			tokenId: randomUUID()
		};
	};
	return { office, release, slotId: slot!.id, attempt };
}

export async function countRows(query: ReturnType<typeof sql>): Promise<number> {
	const rows = await (await db()).execute<{ n: number }>(query);
	return Number([...rows][0]?.n ?? 0);
}

export async function applicationStatus(id: string) {
	const [row] = await (
		await db()
	)
		.select({ status: applications.status })
		.from(applications)
		.where(eq(applications.id, id));
	return row?.status;
}

export async function waitFor<T>(
	probe: () => Promise<T | undefined | null | false>,
	timeoutMs = 15_000,
	label = 'condition'
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
