import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { mayReschedule } from '../../domain/reschedule';
import type { Db } from '../db/client';
import { bookingAttempts, bookings, quotaReleases, slots } from '../db/schema';
import { AppError } from '../errors';
import { logger } from '../logger';
import { countBookings } from '../ops/metrics/bookings';
import {
	dropBookingReminders,
	scheduleBookingReminders,
	scheduleOfficeChangeNotice
} from '../queues/notify';
import { lockBooking, recordChange, reschedulesOf, type BookingActor } from './changes';
import { bookingConfirmed } from './confirmed';

export const SPECIAL_RESCHEDULE_CATEGORIES = [
	'system_failure',
	'illness',
	'force_majeure'
] as const;
export type SpecialRescheduleCategory = (typeof SPECIAL_RESCHEDULE_CATEGORIES)[number];

export type RescheduleRequest =
	| { actor: BookingActor & { role: 'applicant' }; bookingId: string; newSlotId: string }
	| {
			actor: BookingActor & { role: 'staff' };
			bookingId: string;
			newSlotId: string;
			category: SpecialRescheduleCategory;
			reason: string;
	  };

/**
 * A paid booking the office cancelled: only the office's cancel leaves the application paid
 * (the applicant's own cancel ends it), so staff can still give it a new appointment.
 */
function officeCancelledPaid(booking: { status: string; applicationStatus: string }): boolean {
	return booking.status === 'cancelled' && booking.applicationStatus === 'paid';
}

export interface Rescheduled {
	bookingId: string;
	previousBookingId: string;
}

/**
 * Moves a booking to another slot of the same office, passport type and service, in one
 * transaction: the new seat is taken first (a full slot refuses and nothing changes), then the
 * old booking ends as `rescheduled` and its seat goes back, and a new booking row carries on —
 * a new id, so the new receipt and letter are issued for it and the old receipt stops verifying.
 * The history row is written in the same transaction. An applicant may do this once, until H-1
 * at the office; staff's special reschedule (with a reason) is bound by neither rule, and also
 * serves a paid booking the office cancelled (its seat was returned at the cancel).
 */
export async function rescheduleBooking(
	db: Db,
	request: RescheduleRequest,
	now: Date
): Promise<Rescheduled> {
	const result = await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Db;
		const old = await lockBooking(tx, request.bookingId, request.actor);
		if (request.actor.role === 'applicant') {
			const verdict = mayReschedule({
				status: old.status,
				reschedulesSoFar: await reschedulesOf(tx, old.applicationId),
				appointmentDate: old.date,
				timeZone: old.timeZone,
				now
			});
			if (!verdict.allowed) throw new AppError(verdict.reason, 'CONFLICT');
		} else if (old.status !== 'paid' && old.status !== 'no_show' && !officeCancelledPaid(old)) {
			throw new AppError('reschedule_not_paid', 'CONFLICT');
		}

		const [target] = await tx
			.select({
				id: slots.id,
				officeId: slots.officeId,
				releaseId: slots.releaseId,
				startsAt: slots.startsAt,
				passportType: slots.passportType,
				service: slots.service,
				opensAt: quotaReleases.opensAt
			})
			.from(slots)
			.innerJoin(quotaReleases, eq(quotaReleases.id, slots.releaseId))
			.where(eq(slots.id, request.newSlotId));
		if (
			!target ||
			target.officeId !== old.officeId ||
			target.passportType !== old.passportType ||
			target.service !== old.service
		)
			throw new AppError('reschedule_slot_invalid', 'BAD_REQUEST');
		if (target.id === old.slotId) throw new AppError('reschedule_same_slot', 'CONFLICT');
		if (target.startsAt.getTime() <= now.getTime())
			throw new AppError('reschedule_slot_past', 'CONFLICT');
		if (request.actor.role === 'applicant' && target.opensAt.getTime() > now.getTime())
			throw new AppError('reschedule_release_not_open', 'CONFLICT');

		// Both slot rows locked in one fixed order, so two reschedules in opposite directions
		// cannot deadlock.
		await tx
			.select({ id: slots.id })
			.from(slots)
			.where(inArray(slots.id, [old.slotId, target.id]))
			.orderBy(asc(slots.id))
			.for('update');

		// The new seat first; the CHECK (booked <= capacity) stands behind the condition.
		const taken = await tx
			.update(slots)
			.set({ booked: sql`${slots.booked} + 1` })
			.where(and(eq(slots.id, target.id), sql`${slots.booked} + 1 <= ${slots.capacity}`))
			.returning({ id: slots.id });
		if (taken.length === 0) throw new AppError('reschedule_slot_full', 'CONFLICT');

		await tx
			.update(bookings)
			.set({ status: 'rescheduled', endedAt: now, updatedAt: now })
			.where(eq(bookings.id, old.id));
		// A no-show's seat was used up when its time passed; only a coming appointment's returns.
		if (old.status === 'paid')
			await tx
				.update(slots)
				.set({ booked: sql`${slots.booked} - 1` })
				.where(eq(slots.id, old.slotId));

		const kind = request.actor.role === 'applicant' ? 'reschedule' : 'special_reschedule';
		const attemptId = randomUUID();
		// The new booking's own decision row, so every booking is explained by the attempt that
		// made it (a redelivered original attempt still finds only its own bookings).
		await tx.insert(bookingAttempts).values({
			id: attemptId,
			accountId: old.accountId,
			releaseId: target.releaseId,
			slotId: target.id,
			applicationIds: [old.applicationId],
			tokenId: `${kind}:${old.id}`,
			outcome: 'booked',
			decidedBy: kind,
			decidedAt: now
		});
		const [created] = await tx
			.insert(bookings)
			.values({
				attemptId,
				applicationId: old.applicationId,
				accountId: old.accountId,
				slotId: target.id,
				releaseId: target.releaseId,
				officeId: old.officeId,
				status: 'paid',
				expiresAt: old.expiresAt,
				rescheduledFromId: old.id,
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: bookings.id });
		const changeId = await recordChange(tx, {
			kind,
			bookingId: old.id,
			newBookingId: created!.id,
			applicationId: old.applicationId,
			officeId: old.officeId,
			fromSlotId: old.slotId,
			toSlotId: target.id,
			actorId: request.actor.userId,
			actorRole: request.actor.role,
			category: 'category' in request ? request.category : null,
			reason: 'reason' in request ? request.reason : null,
			at: now
		});
		return { bookingId: created!.id, previousBookingId: old.id, changeId, kind };
	});
	countBookings('rescheduled');
	countBookings('paid');
	// After the commit: the new booking's receipt and letter, and the old receipt revoked. The
	// move itself stands either way; a failure here is logged, not shown as a failed reschedule
	// (a retry would only be refused as "already rescheduled").
	try {
		await bookingConfirmed(db, result.bookingId);
	} catch (error) {
		logger().error(
			{ err: error, bookingId: result.bookingId },
			'documents for a rescheduled booking failed'
		);
	}
	// The reminders follow the appointment: the old booking's go, the new one's are queued.
	try {
		await dropBookingReminders(result.previousBookingId);
		await scheduleBookingReminders(result.bookingId);
	} catch (error) {
		logger().error({ err: error, bookingId: result.bookingId }, 'moving reminders failed');
	}
	if (result.kind === 'special_reschedule') {
		try {
			await scheduleOfficeChangeNotice(result.changeId);
		} catch (error) {
			logger().error({ err: error, changeId: result.changeId }, 'queueing the notice failed');
		}
	}
	return { bookingId: result.bookingId, previousBookingId: result.previousBookingId };
}
