import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookings } from '../db/schema';
import { AppError } from '../errors';
import { logger } from '../logger';
import { countBookings } from '../ops/metrics/bookings';
import { scheduleOfficeChangeNotice } from '../queues/notify';
import { lockBooking, recordChange } from './changes';

/**
 * Staff record that a paid applicant did not come. Only once the appointment time has passed,
 * only for their own office, always with a reason. The seat is not returned (its time is gone);
 * a special reschedule can still give the person a new appointment.
 */
export async function recordNoShow(
	db: Db,
	staff: { userId: string; officeId: string },
	bookingId: string,
	reason: string,
	now: Date
): Promise<void> {
	const changeId = await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Db;
		const booking = await lockBooking(tx, bookingId, { role: 'staff', ...staff });
		if (booking.status !== 'paid') throw new AppError('inbox_not_paid', 'CONFLICT');
		if (booking.startsAt.getTime() > now.getTime())
			throw new AppError('inbox_no_show_too_early', 'CONFLICT');
		await tx
			.update(bookings)
			.set({ status: 'no_show', endedAt: now, updatedAt: now })
			.where(eq(bookings.id, bookingId));
		return recordChange(tx, {
			kind: 'no_show',
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
	countBookings('no_show');
	// After the commit; the recorded no-show stands even if the notice cannot be queued now.
	try {
		await scheduleOfficeChangeNotice(changeId);
	} catch (error) {
		logger().error({ err: error, changeId }, 'queueing the no-show notice failed');
	}
}
