/**
 * `npm start` with no DATABASE_URL runs on PGlite, whose raw query results are shaped unlike
 * postgres.js's. The booking decision and the end of a hold are raw SQL: both must work there.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alternativesFor } from '../../src/lib/server/booking/alternatives';
import { decideAttempt } from '../../src/lib/server/booking/decide';
import { expireAttemptHolds } from '../../src/lib/server/booking/holds';
import { openPglite, type DatabaseHandle } from '../../src/lib/server/db/client';
import {
	applicants,
	applications,
	offices,
	quotaReleases,
	slots,
	users
} from '../../src/lib/server/db/schema';
import { PROFILES } from './harness';

let folder: string;
let handle: DatabaseHandle;

beforeAll(async () => {
	folder = mkdtempSync(path.join(tmpdir(), 'lancar-pglite-'));
	handle = await openPglite(folder);
	await handle.migrate();
}, 120_000);

afterAll(async () => {
	await handle?.close();
	rmSync(folder, { recursive: true, force: true });
});

async function oneSeatAndOneApplication() {
	const { db } = handle;
	const [user] = await db
		.insert(users)
		.values({
			email: `pglite.${randomUUID()}@example.id`,
			fullName: 'Budi Santoso',
			phone: '+6281234567890',
			birthDate: '1990-05-17',
			passwordHash: 'not-a-password-hash',
			emailVerifiedAt: new Date()
		})
		.returning();
	const [applicant] = await db
		.insert(applicants)
		.values({ ...PROFILES.budi, accountId: user!.id })
		.returning();
	const [application] = await db
		.insert(applications)
		.values({
			id: randomUUID(),
			accountId: user!.id,
			applicantId: applicant!.id,
			status: 'submitted',
			number: 'LNC-261125-PGLITE',
			form: { service: 'reguler', passportType: 'elektronik', validityYears: 10 },
			submittedAt: new Date()
		})
		.returning();
	const [office] = await db
		.insert(offices)
		.values({
			code: 'T-PGL',
			name: 'Kantor Imigrasi Uji PGlite',
			city: 'Bandung',
			provinceCode: '32',
			address: 'Jl. Uji No. 1',
			timeZone: 'Asia/Jakarta',
			passportTypes: ['elektronik'],
			services: ['reguler']
		})
		.returning();
	const [release] = await db
		.insert(quotaReleases)
		.values({
			officeId: office!.id,
			label: 'Uji',
			firstDate: '2099-01-05',
			lastDate: '2099-01-05',
			opensAt: new Date(Date.now() - 4 * 3_600_000)
		})
		.returning();
	const [slot] = await db
		.insert(slots)
		.values({
			officeId: office!.id,
			releaseId: release!.id,
			date: '2099-01-05',
			startTime: '08:00',
			endTime: '09:00',
			startsAt: new Date('2099-01-05T01:00:00Z'),
			endsAt: new Date('2099-01-05T02:00:00Z'),
			passportType: 'elektronik',
			service: 'reguler',
			capacity: 1
		})
		.returning();
	return {
		user: user!,
		application: application!,
		office: office!,
		release: release!,
		slot: slot!
	};
}

describe('booking on the embedded database', () => {
	it('books the last seat, refuses a second attempt, and gives the seat back when the hold ends', async () => {
		const { db } = handle;
		const { user, application, office, release, slot } = await oneSeatAndOneApplication();
		const attempt = () => ({
			attemptId: randomUUID(),
			accountId: user.id,
			releaseId: release.id,
			officeId: office.id,
			slotId: slot.id,
			applicationIds: [application.id],
			tokenId: randomUUID()
		});
		// Decided three hours ago with a two-hour hold: the hold is already past its deadline.
		const threeHoursAgo = () => new Date(Date.now() - 3 * 3_600_000);
		const first = attempt();
		const booked = await decideAttempt(db, first, {
			holdMinutes: 120,
			decidedBy: 'pglite',
			now: threeHoursAgo
		});
		expect(booked.outcome).toBe('booked');
		expect((await db.select().from(slots).where(eq(slots.id, slot.id)))[0]!.booked).toBe(1);

		const second = await decideAttempt(db, attempt(), { holdMinutes: 120, decidedBy: 'pglite' });
		expect(second.outcome).toBe('refused');

		const ended = await expireAttemptHolds(db, [first.attemptId]);
		expect(ended.map((hold) => hold.applicationId)).toEqual([application.id]);
		expect((await db.select().from(slots).where(eq(slots.id, slot.id)))[0]!.booked).toBe(0);
		const [after] = await db
			.select({ status: applications.status })
			.from(applications)
			.where(eq(applications.id, application.id));
		expect(after!.status).toBe('submitted');

		const alternatives = await alternativesFor(db, release.id, {
			passportType: 'elektronik',
			service: 'reguler'
		});
		expect(alternatives.freeElsewhere).toEqual([]);
	});
});
