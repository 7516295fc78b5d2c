import { and, eq } from 'drizzle-orm';
import { mayReschedule } from '../../domain/reschedule';
import type { Db } from '../db/client';
import { applicants, applications, bookings, offices, slots } from '../db/schema';
import { AppError } from '../errors';
import { reschedulesOf } from './changes';

/**
 * One of the applicant's bookings as the "manage" screen shows it: where and when, and whether
 * it may still be moved (and until when, at the office) or cancelled.
 */
export async function bookingDetail(db: Db, accountId: string, bookingId: string, now: Date) {
	const [row] = await db
		.select({
			id: bookings.id,
			status: bookings.status,
			applicationId: bookings.applicationId,
			officeId: bookings.officeId,
			slotId: bookings.slotId,
			date: slots.date,
			startTime: slots.startTime,
			endTime: slots.endTime,
			startsAt: slots.startsAt,
			passportType: slots.passportType,
			service: slots.service,
			officeName: offices.name,
			officeAddress: offices.address,
			timeZone: offices.timeZone,
			applicationNumber: applications.number,
			applicantName: applicants.fullName
		})
		.from(bookings)
		.innerJoin(slots, eq(slots.id, bookings.slotId))
		.innerJoin(offices, eq(offices.id, bookings.officeId))
		.innerJoin(applications, eq(applications.id, bookings.applicationId))
		.innerJoin(applicants, eq(applicants.id, applications.applicantId))
		.where(and(eq(bookings.id, bookingId), eq(bookings.accountId, accountId)));
	if (!row) throw new AppError('booking_not_found', 'NOT_FOUND');
	const verdict = mayReschedule({
		status: row.status,
		reschedulesSoFar: await reschedulesOf(db, row.applicationId),
		appointmentDate: row.date,
		timeZone: row.timeZone,
		now
	});
	const cancellable =
		row.status === 'held' || (row.status === 'paid' && row.startsAt.getTime() > now.getTime());
	return { booking: row, reschedule: verdict, cancellable };
}
