import { eq, inArray } from 'drizzle-orm';
import { holdAwaitsPayment, reminderKey, type ReminderKind } from '../../domain/notices';
import type { Db } from '../db/client';
import { inAppWanted } from './channels';
import { bookings, notifications, offices, slots } from '../db/schema';
import { reminderMail } from './mail';
import { mailStoredNoticeOnce } from './mail-once';
import { pushNoticeOnce } from './push-once';

/** What a reminder needs to know about its booking, or null when the booking is gone. */
export async function reminderSubject(db: Db, bookingId: string) {
	const [booking] = await reminderSubjects(db, [bookingId]);
	return booking ?? null;
}

/** The same for many bookings in one read; bookings that are gone are left out. */
export async function reminderSubjects(db: Db, bookingIds: string[]) {
	if (bookingIds.length === 0) return [];
	return db
		.select({
			id: bookings.id,
			status: bookings.status,
			accountId: bookings.accountId,
			releaseId: bookings.releaseId,
			expiresAt: bookings.expiresAt,
			date: slots.date,
			startsAt: slots.startsAt,
			officeName: offices.name,
			timeZone: offices.timeZone
		})
		.from(bookings)
		.innerJoin(slots, eq(slots.id, bookings.slotId))
		.innerJoin(offices, eq(offices.id, bookings.officeId))
		.where(inArray(bookings.id, bookingIds));
}

/** Whether the reminder still has something to say when its moment comes. */
function stillDue(kind: ReminderKind, status: string, expiresAt: Date, now: Date): boolean {
	if (kind === 'payment_deadline') return holdAwaitsPayment(status, expiresAt, now);
	// A hold still unpaid the day before expires long before the appointment; only paid counts.
	return status === 'paid';
}

/**
 * Sends one booking reminder, once: the notice row is unique per kind and booking, and the
 * mail job is named after the notice (two racing runs may both queue it; the mail queue keeps
 * one job per id, so one mail goes). A booking that was paid, cancelled, expired or moved
 * meanwhile gets nothing, so a job that escaped removal is harmless.
 */
export async function sendReminder(
	db: Db,
	kind: ReminderKind,
	bookingId: string,
	now = new Date()
) {
	const booking = await reminderSubject(db, bookingId);
	if (!booking || !stillDue(kind, booking.status, booking.expiresAt, now)) return { queued: false };
	await db
		.insert(notifications)
		.values({
			userId: booking.accountId,
			inApp: inAppWanted(booking.accountId),
			kind,
			dedupeKey: reminderKey(kind, bookingId),
			releaseId: booking.releaseId,
			link: `/booking/manage/${bookingId}`,
			params: {
				officeName: booking.officeName,
				timeZone: booking.timeZone,
				bookingId,
				startsAt: booking.startsAt.toISOString(),
				expiresAt: booking.expiresAt.toISOString()
			}
		})
		.onConflictDoNothing({ target: notifications.dedupeKey });
	const mailed = await mailStoredNoticeOnce(db, reminderKey(kind, bookingId), (notice) =>
		reminderMail({ kind, ...notice })
	);
	await pushNoticeOnce(db, reminderKey(kind, bookingId));
	return mailed;
}
