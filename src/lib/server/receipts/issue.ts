import { randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { receiptExpiry } from '../../receipts/expiry';
import type { Db } from '../db/client';
import { applicants, applications, bookings, offices, receipts, slots } from '../db/schema';
import { signingKey } from './keys';
import { signReceipt } from './sign';

export interface IssuedReceipt {
	id: string;
	token: string;
	bookingId: string;
	applicationId: string;
}

/** What a receipt states about a paid booking. */
async function paidBookingFacts(db: Db, bookingId: string) {
	const [row] = await db
		.select({
			status: bookings.status,
			applicationId: bookings.applicationId,
			number: applications.number,
			name: applicants.fullName,
			officeCode: offices.code,
			timeZone: offices.timeZone,
			date: slots.date,
			startTime: slots.startTime,
			endTime: slots.endTime
		})
		.from(bookings)
		.innerJoin(applications, eq(applications.id, bookings.applicationId))
		.innerJoin(applicants, eq(applicants.id, applications.applicantId))
		.innerJoin(offices, eq(offices.id, bookings.officeId))
		.innerJoin(slots, eq(slots.id, bookings.slotId))
		.where(eq(bookings.id, bookingId));
	return row;
}

/**
 * The signed receipt of a paid booking. A booking keeps the receipt it was given (a repeated
 * call returns it); a new booking of the same application (a reschedule) revokes the
 * application's previous receipt in the same transaction as the new one is stored, so the
 * server never knows two live receipts for one application.
 */
export async function issueReceipt(db: Db, bookingId: string): Promise<IssuedReceipt | null> {
	const facts = await paidBookingFacts(db, bookingId);
	if (!facts || facts.status !== 'paid' || !facts.number) return null;

	const [already] = await db
		.select({ id: receipts.id, token: receipts.token })
		.from(receipts)
		.where(and(eq(receipts.bookingId, bookingId), isNull(receipts.revokedAt)));
	if (already) return { ...already, bookingId, applicationId: facts.applicationId };

	const key = await signingKey(db);
	const id = randomBytes(9).toString('base64url');
	const issuedAt = new Date();
	const expiresAt = receiptExpiry(facts.date, facts.timeZone);
	const token = await signReceipt(
		{
			v: 1,
			jti: id,
			app: facts.number,
			nm: facts.name,
			of: facts.officeCode,
			dt: facts.date,
			sl: `${facts.startTime}-${facts.endTime}`,
			iat: Math.floor(issuedAt.getTime() / 1000),
			exp: Math.floor(expiresAt.getTime() / 1000)
		},
		key
	);

	return db.transaction(async (tx) => {
		// The application row is the lock two confirmations of one application queue behind.
		await tx.execute(sql`select id from applications where id = ${facts.applicationId} for update`);
		const [live] = await tx
			.select({ id: receipts.id, token: receipts.token, bookingId: receipts.bookingId })
			.from(receipts)
			.where(and(eq(receipts.applicationId, facts.applicationId), isNull(receipts.revokedAt)));
		if (live?.bookingId === bookingId) {
			return { id: live.id, token: live.token, bookingId, applicationId: facts.applicationId };
		}
		if (live) {
			await tx.update(receipts).set({ revokedAt: new Date() }).where(eq(receipts.id, live.id));
		}
		await tx.insert(receipts).values({
			id,
			applicationId: facts.applicationId,
			bookingId,
			kid: key.kid,
			token,
			issuedAt,
			expiresAt
		});
		return { id, token, bookingId, applicationId: facts.applicationId };
	});
}

/**
 * The server's word on a receipt id: live, revoked (a reschedule replaced it), ended (its
 * booking was cancelled or missed) or unknown.
 */
export async function receiptStanding(db: Db, receiptId: string) {
	const [row] = await db
		.select({ revokedAt: receipts.revokedAt, bookingStatus: bookings.status })
		.from(receipts)
		.innerJoin(bookings, eq(bookings.id, receipts.bookingId))
		.where(eq(receipts.id, receiptId));
	if (!row) return 'unknown' as const;
	if (row.revokedAt) return 'revoked' as const;
	return row.bookingStatus === 'paid' ? ('live' as const) : ('ended' as const);
}
