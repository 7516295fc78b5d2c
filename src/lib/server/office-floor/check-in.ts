import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { applicants, applications, bookings, queueTickets, slots } from '../db/schema';
import { AppError } from '../errors';
import { countCheckIn } from '../ops/metrics/bookings';
import { issueTicket, type IssuedTicket } from './tickets';
import { changeFloor, type Floor, type Tx } from './transaction';

/** A booking already identified, by a typed application number or (later) a verified QR receipt. */
export interface IdentifiedBooking {
	bookingId: string;
	applicationNumber: string;
}

export interface CheckInResult {
	ticket: IssuedTicket;
	/** What the staff member needs to greet the person; never shown on the hall's board. */
	summary: {
		applicationNumber: string;
		fullName: string;
		slotDate: string;
		slotTime: string;
		passportType: string;
		service: string;
	};
}

/**
 * The booking an application number stands for: its live booking, or else its latest one,
 * so a cancelled or lapsed booking is refused for what it is rather than as unknown.
 */
export async function bookingByApplicationNumber(
	db: Db,
	applicationNumber: string
): Promise<IdentifiedBooking> {
	const [row] = await db
		.select({ bookingId: bookings.id })
		.from(bookings)
		.innerJoin(applications, eq(applications.id, bookings.applicationId))
		.where(eq(applications.number, applicationNumber))
		.orderBy(sql`${bookings.status} in ('held', 'paid') desc`, desc(bookings.createdAt))
		.limit(1);
	if (!row) throw new AppError('checkin_unknown_number', 'NOT_FOUND');
	return { bookingId: row.bookingId, applicationNumber };
}

async function lockedBooking(tx: Tx, bookingId: string) {
	const [row] = await tx
		.select({
			id: bookings.id,
			status: bookings.status,
			officeId: bookings.officeId,
			applicationId: bookings.applicationId,
			slotDate: slots.date,
			slotTime: slots.startTime,
			passportType: slots.passportType,
			service: slots.service,
			fullName: applicants.fullName
		})
		.from(bookings)
		.innerJoin(slots, eq(slots.id, bookings.slotId))
		.innerJoin(applications, eq(applications.id, bookings.applicationId))
		.innerJoin(applicants, eq(applicants.id, applications.applicantId))
		.where(eq(bookings.id, bookingId))
		.for('update', { of: bookings });
	return row;
}

/**
 * Checks a booking in at the staff member's office: it must be this office's, for today
 * (office-local), paid (not cancelled, moved by a reschedule or marked no-show), and not
 * checked in before. Each refusal names its reason. On success
 * the person is marked arrived and given the next number of series A.
 */
export async function checkInIdentified(
	tx: Tx,
	floor: Floor,
	identified: IdentifiedBooking,
	staffId: string
): Promise<CheckInResult> {
	const booking = await lockedBooking(tx, identified.bookingId);
	if (!booking) throw new AppError('checkin_unknown_number', 'NOT_FOUND');
	if (booking.officeId !== floor.officeId) throw new AppError('checkin_other_office', 'FORBIDDEN');
	if (booking.status === 'cancelled') throw new AppError('checkin_cancelled', 'CONFLICT');
	if (booking.status === 'rescheduled') throw new AppError('checkin_superseded', 'CONFLICT');
	if (booking.status === 'no_show') throw new AppError('checkin_no_show', 'CONFLICT');
	if (booking.status !== 'paid') throw new AppError('checkin_not_paid', 'CONFLICT');
	if (booking.slotDate !== floor.today) {
		throw new AppError('checkin_other_day', 'CONFLICT', { date: booking.slotDate });
	}
	const [earlier] = await tx
		.select({ label: queueTickets.label })
		.from(queueTickets)
		.where(eq(queueTickets.bookingId, booking.id));
	if (earlier) {
		throw new AppError('checkin_already', 'CONFLICT', { label: earlier.label });
	}
	const ticket = await issueTicket(tx, floor, 'A', { bookingId: booking.id, issuedBy: staffId });
	await tx
		.update(applications)
		.set({ status: 'checked_in', updatedAt: new Date() })
		.where(and(eq(applications.id, booking.applicationId), eq(applications.status, 'paid')));
	return {
		ticket,
		summary: {
			applicationNumber: identified.applicationNumber,
			fullName: booking.fullName,
			slotDate: booking.slotDate,
			slotTime: booking.slotTime,
			passportType: booking.passportType,
			service: booking.service
		}
	};
}

/** Checks an identified booking in at the staff member's office, and tells the hall's boards. */
export async function checkInBooking(
	db: Db,
	officeId: string,
	staffId: string,
	identified: IdentifiedBooking
): Promise<CheckInResult> {
	const checkedIn = await changeFloor(db, officeId, async (tx, floor) => ({
		result: await checkInIdentified(tx, floor, identified, staffId)
	}));
	countCheckIn(officeId);
	return checkedIn;
}

/** Check-in by a typed application number. */
export async function checkInByNumber(
	db: Db,
	officeId: string,
	staffId: string,
	applicationNumber: string
): Promise<CheckInResult> {
	const identified = await bookingByApplicationNumber(db, applicationNumber);
	return checkInBooking(db, officeId, staffId, identified);
}
