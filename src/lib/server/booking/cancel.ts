import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { AppError } from '../errors';
import { logger } from '../logger';
import { countBookings } from '../ops/metrics/bookings';
import { dropBookingReminders } from '../queues/notify';
import { lockBooking, recordChange } from './changes';
import { endBookings, type LiveBookingStatus } from './holds';

/**
 * The applicant gives a seat back: an unpaid hold, or a paid appointment still ahead (the fee
 * is not refunded — PNBP rules; the screen says so before the person confirms). The seat is
 * returned through the same statement that ends expired holds, so the waiting room sees it on
 * its next tick and admits the next person. The history row is written in the same transaction.
 */
export async function cancelBooking(
	db: Db,
	accountId: string,
	bookingId: string,
	now: Date,
	options: { allowed?: readonly LiveBookingStatus[]; refusal?: string } = {}
): Promise<void> {
	const allowed = options.allowed ?? ['held', 'paid'];
	const refusal = options.refusal ?? 'cancel_not_allowed';
	await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Db;
		const booking = await lockBooking(tx, bookingId, { role: 'applicant', userId: accountId });
		if (!allowed.includes(booking.status as LiveBookingStatus))
			throw new AppError(refusal, 'CONFLICT');
		if (booking.status === 'paid' && booking.startsAt.getTime() <= now.getTime())
			throw new AppError('cancel_too_late', 'CONFLICT');
		const ended = await endBookings(tx, 'cancelled', sql`id = ${bookingId}`, 1, allowed);
		if (ended.length === 0) throw new AppError(refusal, 'CONFLICT');
		await recordChange(tx, {
			kind: 'cancel',
			bookingId,
			applicationId: booking.applicationId,
			officeId: booking.officeId,
			fromSlotId: booking.slotId,
			actorId: accountId,
			actorRole: 'applicant',
			at: now
		});
	});
	countBookings('cancelled');
	// After the commit: a cancelled booking has nothing left to be reminded of. The cancel
	// stands if a queue is briefly unreachable: a reminder still due checks the booking first.
	try {
		await dropBookingReminders(bookingId);
	} catch (error) {
		logger().error({ err: error, bookingId }, 'dropping reminders of a cancelled booking failed');
	}
}
