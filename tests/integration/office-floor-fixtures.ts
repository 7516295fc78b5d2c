/**
 * Bookings as the office floor meets them, written straight to the database: a release and a
 * slot on the chosen day, an application with an LNC number, and a booking in the wanted
 * status (payment lives elsewhere, so "paid" is set here).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { db } from '../../src/lib/server/db';
import { eq } from 'drizzle-orm';
import {
	applications,
	bookingAttempts,
	bookings,
	quotaReleases,
	slots
} from '../../src/lib/server/db/schema';
import { officeInstant } from '../../src/lib/domain/office-time';
import { quickAccount, submittedApplication } from './booking-fixtures';

export function applicationNumber(): string {
	const suffix = randomBytes(6)
		.toString('base64')
		.replace(/[^A-Z0-9]/gi, 'X')
		.slice(0, 6)
		.toUpperCase();
	return `LNC-261125-${suffix}`;
}

let slotSerial = 0;

export async function bookingAt(
	office: { id: string; timeZone: string },
	date: string,
	status: 'held' | 'paid' | 'expired' | 'cancelled' | 'rescheduled' | 'no_show' = 'paid'
) {
	const database = await db();
	const account = await quickAccount();
	const application = await submittedApplication(account.id);
	const number = applicationNumber();
	await database
		.update(applications)
		.set({ number, status: status === 'paid' ? 'paid' : 'booked' })
		.where(eq(applications.id, application.id));
	const [release] = await database
		.insert(quotaReleases)
		.values({
			officeId: office.id,
			label: `Uji ${date}`,
			firstDate: date,
			lastDate: date,
			opensAt: new Date(Date.now() - 86_400_000 * 10)
		})
		.returning();
	// Each booking its own slot time, so slots never collide on the office's line.
	slotSerial = (slotSerial + 1) % (16 * 60);
	const minutes = 6 * 60 + slotSerial;
	const startTime = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
	const [slot] = await database
		.insert(slots)
		.values({
			officeId: office.id,
			releaseId: release!.id,
			date,
			startTime,
			endTime: '23:59',
			startsAt: officeInstant(date, startTime, office.timeZone),
			endsAt: officeInstant(date, '23:59', office.timeZone),
			passportType: 'elektronik',
			service: 'reguler',
			capacity: 1,
			booked: 1
		})
		.returning();
	const attemptId = randomUUID();
	await database.insert(bookingAttempts).values({
		id: attemptId,
		accountId: account.id,
		releaseId: release!.id,
		slotId: slot!.id,
		applicationIds: [application.id],
		tokenId: randomUUID(),
		outcome: 'booked',
		decidedBy: 'test'
	});
	const [booking] = await database
		.insert(bookings)
		.values({
			attemptId,
			applicationId: application.id,
			accountId: account.id,
			slotId: slot!.id,
			releaseId: release!.id,
			officeId: office.id,
			status,
			expiresAt: new Date(Date.now() + 3_600_000)
		})
		.returning();
	return { booking: booking!, number, applicationId: application.id };
}
