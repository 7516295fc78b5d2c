import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { applications, receipts } from '../db/schema';
import { AppError } from '../errors';
import { countBookings } from '../ops/metrics/bookings';
import { logger } from '../logger';
import { dropBookingReminders, scheduleOfficeChangeNotice } from '../queues/notify';
import { lockBooking, recordChange } from './changes';
import { endBookings } from './holds';

/**
 * The office cancels a booking of its own (office closed, force majeure), always with a reason,
 * before its time. The seat returns through the same statement as every other cancel, the
 * receipt is revoked and the history row written, all in one transaction. Unlike the
 * applicant's own cancel, the office's does not cost the person their fee: a paid application
 * stays `paid`, so staff can give it a new appointment with a special reschedule; an unpaid
 * hold's application is ready to book again. The person is told on every channel.
 */
export async function cancelByOffice(
	db: Db,
	staff: { userId: string; officeId: string },
	bookingId: string,
	reason: string,
	now: Date
): Promise<void> {
	const changeId = await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Db;
		const booking = await lockBooking(tx, bookingId, { role: 'staff', ...staff });
		if (booking.status !== 'held' && booking.status !== 'paid')
			throw new AppError('inbox_cancel_not_live', 'CONFLICT');
		if (booking.startsAt.getTime() <= now.getTime())
			throw new AppError('inbox_cancel_too_late', 'CONFLICT');
		const ended = await endBookings(tx, 'cancelled', sql`id = ${bookingId}`, 1, ['held', 'paid']);
		if (ended.length === 0) throw new AppError('inbox_cancel_not_live', 'CONFLICT');
		if (booking.status === 'paid')
			await tx
				.update(applications)
				.set({ status: 'paid', version: sql`${applications.version} + 1`, updatedAt: now })
				.where(eq(applications.id, booking.applicationId));
		await tx
			.update(receipts)
			.set({ revokedAt: now })
			.where(and(eq(receipts.bookingId, bookingId), isNull(receipts.revokedAt)));
		return recordChange(tx, {
			kind: 'cancel',
			bookingId,
			applicationId: booking.applicationId,
			officeId: booking.officeId,
			fromSlotId: booking.slotId,
			actorId: staff.userId,
			actorRole: 'staff',
			reason,
			at: now
		});
	});
	countBookings('cancelled');
	// After the commit; the cancel stands even if a queue is briefly unreachable.
	try {
		await dropBookingReminders(bookingId);
	} catch (error) {
		logger().error({ err: error, bookingId }, 'dropping reminders of a cancelled booking failed');
	}
	try {
		await scheduleOfficeChangeNotice(changeId);
	} catch (error) {
		logger().error({ err: error, changeId }, 'queueing the cancellation notice failed');
	}
}
