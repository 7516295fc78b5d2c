import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { applications, bookingChanges, bookings, offices, slots } from '../db/schema';
import { AppError } from '../errors';

/** Who changes a booking: the applicant (their own bookings) or staff (their office's). */
export type BookingActor =
	{ role: 'applicant'; userId: string } | { role: 'staff'; userId: string; officeId: string };

/** A booking with its slot and office, locked for the rest of the transaction. */
export async function lockBooking(db: Db, bookingId: string, actor: BookingActor) {
	const scope =
		actor.role === 'applicant'
			? eq(bookings.accountId, actor.userId)
			: eq(bookings.officeId, actor.officeId);
	const [row] = await db
		.select({
			id: bookings.id,
			status: bookings.status,
			attemptId: bookings.attemptId,
			applicationId: bookings.applicationId,
			applicationStatus: applications.status,
			accountId: bookings.accountId,
			officeId: bookings.officeId,
			slotId: bookings.slotId,
			expiresAt: bookings.expiresAt,
			date: slots.date,
			startsAt: slots.startsAt,
			passportType: slots.passportType,
			service: slots.service,
			timeZone: offices.timeZone
		})
		.from(bookings)
		.innerJoin(slots, eq(slots.id, bookings.slotId))
		.innerJoin(offices, eq(offices.id, bookings.officeId))
		.innerJoin(applications, eq(applications.id, bookings.applicationId))
		.where(and(eq(bookings.id, bookingId), scope))
		.for('update', { of: bookings });
	// Another account's or another office's booking reads as missing, not as forbidden.
	if (!row) throw new AppError('booking_not_found', 'NOT_FOUND');
	return row;
}

export type LockedBooking = Awaited<ReturnType<typeof lockBooking>>;

/** How many applicant reschedules the application has had (special ones do not count). */
export async function reschedulesOf(db: Db, applicationId: string): Promise<number> {
	const [row] = await db
		.select({ count: sql<number>`count(*)::int` })
		.from(bookingChanges)
		.where(
			and(eq(bookingChanges.applicationId, applicationId), eq(bookingChanges.kind, 'reschedule'))
		);
	return row?.count ?? 0;
}

/** Writes a history row; its id names the notice the change may send. */
export async function recordChange(
	db: Db,
	change: typeof bookingChanges.$inferInsert
): Promise<string> {
	const [row] = await db.insert(bookingChanges).values(change).returning({ id: bookingChanges.id });
	return row!.id;
}
