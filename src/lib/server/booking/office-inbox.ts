import { and, asc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { officeLocalDate } from '../../domain/office-time';
import type { PassportService, PassportType } from '../../domain/passport-kinds';
import type { Db } from '../db/client';
import { applicants, applications, bookings, offices, slots } from '../db/schema';
import { AppError } from '../errors';

/** Where the Surat Pengantar of a booking is served (rendered by the payment work). */
export function letterUrl(bookingId: string): string {
	return `/api/bookings/${bookingId}/letter`;
}

async function officeOf(db: Db, officeId: string) {
	const [office] = await db
		.select({ id: offices.id, name: offices.name, timeZone: offices.timeZone })
		.from(offices)
		.where(eq(offices.id, officeId));
	if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
	return office;
}

/**
 * An office's inbox for one office-local day (today by default): the paid applications whose
 * appointment falls on it, with their letters, so the counter knows who comes and when, and
 * the paid ones the office cancelled that still wait for a new appointment.
 */
export async function officeInbox(db: Db, officeId: string, date: string | undefined, now: Date) {
	const office = await officeOf(db, officeId);
	const today = officeLocalDate(now, office.timeZone);
	const day = date ?? today;
	const rows = await db
		.select({
			id: bookings.id,
			status: bookings.status,
			slotId: bookings.slotId,
			rescheduled: sql<boolean>`${bookings.rescheduledFromId} is not null`,
			applicationNumber: applications.number,
			applicantName: applicants.fullName,
			passportType: slots.passportType,
			service: slots.service,
			startTime: slots.startTime,
			endTime: slots.endTime,
			startsAt: slots.startsAt
		})
		.from(bookings)
		.innerJoin(slots, eq(slots.id, bookings.slotId))
		.innerJoin(applications, eq(applications.id, bookings.applicationId))
		.innerJoin(applicants, eq(applicants.id, applications.applicantId))
		.where(
			and(
				eq(bookings.officeId, officeId),
				eq(slots.date, day),
				or(
					inArray(bookings.status, ['paid', 'no_show']),
					// Cancelled by the office with the fee kept: waiting for a new appointment.
					and(eq(bookings.status, 'cancelled'), eq(applications.status, 'paid'))
				)
			)
		)
		.orderBy(asc(slots.startTime), asc(applicants.fullName));
	return {
		office,
		date: day,
		today,
		entries: rows.map((row) => ({
			...row,
			letterUrl: letterUrl(row.id),
			noShowAllowed: row.status === 'paid' && row.startsAt.getTime() <= now.getTime(),
			cancelAllowed: row.status === 'paid' && row.startsAt.getTime() > now.getTime()
		}))
	};
}

/** Slots of the office on a day with a free seat, for staff's special reschedule. */
export async function officeFreeSlots(
	db: Db,
	officeId: string,
	date: string,
	kind: { passportType: PassportType; service: PassportService },
	now: Date
) {
	return db
		.select({
			id: slots.id,
			startTime: slots.startTime,
			endTime: slots.endTime,
			free: sql<number>`(${slots.capacity} - ${slots.booked})::int`
		})
		.from(slots)
		.where(
			and(
				eq(slots.officeId, officeId),
				eq(slots.date, date),
				eq(slots.passportType, kind.passportType),
				eq(slots.service, kind.service),
				gt(slots.startsAt, now),
				lt(slots.booked, slots.capacity)
			)
		)
		.orderBy(asc(slots.startTime));
}
