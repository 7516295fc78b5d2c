import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { bookingConfirmed } from '../booking/confirmed';
import type { Db } from '../db/client';
import {
	applicants,
	applications,
	billingCodes,
	bookings,
	letters,
	offices,
	paymentEvents,
	paymentFlags,
	receipts,
	slots
} from '../db/schema';
import { logger } from '../logger';
import { ensureBillingCodes } from './billing';

/** The billing codes of the account's live bookings; a hold gets its code when first shown. */
export async function billsOfAccount(db: Db, accountId: string) {
	const live = await db
		.select({ id: bookings.id, status: bookings.status })
		.from(bookings)
		.where(and(eq(bookings.accountId, accountId), inArray(bookings.status, ['held', 'paid'])));
	await ensureBillingCodes(
		db,
		live.filter((booking) => booking.status === 'held').map((booking) => booking.id)
	);
	if (live.length === 0) return [];
	return db
		.select({
			bookingId: billingCodes.bookingId,
			code: billingCodes.code,
			amount: billingCodes.amount,
			regulation: billingCodes.regulation,
			expiresAt: billingCodes.expiresAt,
			paidAt: billingCodes.paidAt
		})
		.from(billingCodes)
		.where(
			inArray(
				billingCodes.bookingId,
				live.map((booking) => booking.id)
			)
		);
}

/** Payments that came after their hold ended and wait for the office. */
export async function lateFlagsOfAccount(db: Db, accountId: string) {
	return db
		.select({
			id: paymentFlags.id,
			amount: paymentFlags.amount,
			billingCode: paymentEvents.billingCode,
			paidAt: paymentEvents.paidAt,
			officeName: offices.name,
			applicationNumber: applications.number,
			createdAt: paymentFlags.createdAt
		})
		.from(paymentFlags)
		.innerJoin(paymentEvents, eq(paymentEvents.eventId, paymentFlags.eventId))
		.innerJoin(offices, eq(offices.id, paymentFlags.officeId))
		.innerJoin(applications, eq(applications.id, paymentFlags.applicationId))
		.where(and(eq(paymentFlags.accountId, accountId), isNull(paymentFlags.settledAt)))
		.orderBy(desc(paymentFlags.createdAt));
}

/**
 * The account's live receipts with what the device keeps of them. A paid booking whose
 * receipt is missing (the step after the payment failed) gets it now.
 */
export async function receiptsOfAccount(db: Db, accountId: string) {
	const unreceipted = await db
		.select({ id: bookings.id })
		.from(bookings)
		.leftJoin(receipts, and(eq(receipts.bookingId, bookings.id), isNull(receipts.revokedAt)))
		.where(
			and(eq(bookings.accountId, accountId), eq(bookings.status, 'paid'), isNull(receipts.id))
		);
	for (const booking of unreceipted) {
		await bookingConfirmed(db, booking.id).catch((error) =>
			logger().error({ err: error, bookingId: booking.id }, 'receipt catch-up failed')
		);
	}
	return (
		db
			.select({
				id: receipts.id,
				token: receipts.token,
				applicationId: receipts.applicationId,
				bookingId: receipts.bookingId,
				issuedAt: receipts.issuedAt,
				expiresAt: receipts.expiresAt,
				applicationNumber: applications.number,
				applicantName: applicants.fullName,
				officeName: offices.name,
				officeAddress: offices.address,
				timeZone: offices.timeZone,
				date: slots.date,
				startTime: slots.startTime,
				endTime: slots.endTime,
				passportType: slots.passportType,
				service: slots.service,
				letterReady: sql<boolean>`${letters.receiptId} is not null`
			})
			.from(receipts)
			.innerJoin(bookings, eq(bookings.id, receipts.bookingId))
			.innerJoin(applications, eq(applications.id, receipts.applicationId))
			.innerJoin(applicants, eq(applicants.id, applications.applicantId))
			.innerJoin(offices, eq(offices.id, bookings.officeId))
			.innerJoin(slots, eq(slots.id, bookings.slotId))
			.leftJoin(letters, eq(letters.receiptId, receipts.id))
			// A cancelled or missed appointment's receipt leaves the device too.
			.where(
				and(
					eq(bookings.accountId, accountId),
					eq(bookings.status, 'paid'),
					isNull(receipts.revokedAt)
				)
			)
	);
}

/** The open late payments of an office, oldest first, for staff to settle. */
export async function openFlagsOfOffice(db: Db, officeId: string) {
	return db
		.select({
			id: paymentFlags.id,
			reason: paymentFlags.reason,
			amount: paymentFlags.amount,
			billingCode: paymentEvents.billingCode,
			channel: paymentEvents.channel,
			paidAt: paymentEvents.paidAt,
			applicationNumber: applications.number,
			applicantName: applicants.fullName,
			createdAt: paymentFlags.createdAt
		})
		.from(paymentFlags)
		.innerJoin(paymentEvents, eq(paymentEvents.eventId, paymentFlags.eventId))
		.innerJoin(applications, eq(applications.id, paymentFlags.applicationId))
		.innerJoin(applicants, eq(applicants.id, applications.applicantId))
		.where(and(eq(paymentFlags.officeId, officeId), isNull(paymentFlags.settledAt)))
		.orderBy(paymentFlags.createdAt);
}

/** Staff mark a late payment settled (re-booked or refunded by the PNBP procedure). */
export async function settleFlag(
	db: Db,
	staff: { id: string; officeId: string },
	flagId: string
): Promise<boolean> {
	const settled = await db
		.update(paymentFlags)
		.set({ settledAt: new Date(), settledBy: staff.id })
		.where(
			and(
				eq(paymentFlags.id, flagId),
				eq(paymentFlags.officeId, staff.officeId),
				isNull(paymentFlags.settledAt)
			)
		)
		.returning({ id: paymentFlags.id });
	return settled.length > 0;
}
