import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { officeChangeKey, officeChangeNoticeKind } from '../../domain/notices';
import type { Db } from '../db/client';
import { inAppWanted } from './channels';
import {
	applications,
	bookingChanges,
	bookings,
	notifications,
	offices,
	slots
} from '../db/schema';
import { officeChangeMail } from './mail';
import { mailStoredNoticeOnce } from './mail-once';
import { pushNoticeOnce } from './push-once';

const toSlots = alias(slots, 'to_slots');

/** A booking change with what its notice says, or null when it does not exist. */
async function changeSubject(db: Db, changeId: string) {
	const [change] = await db
		.select({
			id: bookingChanges.id,
			kind: bookingChanges.kind,
			actorRole: bookingChanges.actorRole,
			reason: bookingChanges.reason,
			bookingId: bookingChanges.bookingId,
			newBookingId: bookingChanges.newBookingId,
			accountId: bookings.accountId,
			applicationStatus: applications.status,
			releaseId: bookings.releaseId,
			fromStartsAt: slots.startsAt,
			toStartsAt: toSlots.startsAt,
			officeName: offices.name,
			timeZone: offices.timeZone
		})
		.from(bookingChanges)
		.innerJoin(bookings, eq(bookings.id, bookingChanges.bookingId))
		.innerJoin(applications, eq(applications.id, bookings.applicationId))
		.innerJoin(slots, eq(slots.id, bookings.slotId))
		.leftJoin(toSlots, eq(toSlots.id, bookingChanges.toSlotId))
		.innerJoin(offices, eq(offices.id, bookingChanges.officeId))
		.where(eq(bookingChanges.id, changeId));
	return change ?? null;
}

/**
 * Tells the applicant of a change the office made (special reschedule, no-show, cancel),
 * once per channel: the notice row is unique per change, the mail job is named after the
 * notice, and each device's push is claimed before it is sent. The applicant's own changes send nothing (they made them).
 */
export async function sendOfficeChangeNotice(db: Db, changeId: string) {
	const change = await changeSubject(db, changeId);
	const kind = change ? officeChangeNoticeKind(change) : null;
	if (!change || !kind) return { queued: false };
	const bookingId = change.newBookingId ?? change.bookingId;
	const dedupeKey = officeChangeKey(change.id);
	// An office's cancel leaves a paid application paid (the fee stays with it); a cancelled
	// hold's application is bookable again, so its notice leads to booking.
	const paid = change.applicationStatus === 'paid';
	const cancelled = kind === 'office_cancel';
	await db
		.insert(notifications)
		.values({
			userId: change.accountId,
			inApp: inAppWanted(change.accountId),
			kind,
			dedupeKey,
			releaseId: change.releaseId,
			link: cancelled && !paid ? '/booking' : `/booking/manage/${bookingId}`,
			params: {
				officeName: change.officeName,
				timeZone: change.timeZone,
				bookingId,
				startsAt: (change.toStartsAt ?? change.fromStartsAt).toISOString(),
				previousStartsAt: change.fromStartsAt.toISOString(),
				reason: change.reason ?? '',
				...(cancelled ? { paid: paid ? ('yes' as const) : ('no' as const) } : {})
			}
		})
		.onConflictDoNothing({ target: notifications.dedupeKey });
	const mailed = await mailStoredNoticeOnce(db, dedupeKey, (notice) =>
		officeChangeMail({ kind, ...notice })
	);
	await pushNoticeOnce(db, dedupeKey);
	return mailed;
}
