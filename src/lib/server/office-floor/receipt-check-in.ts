import { eq } from 'drizzle-orm';
import {
	RECEIPT_SIGNATURE_REFUSALS,
	RECEIPT_SUPERSEDED,
	RECEIPT_UNKNOWN
} from '../../receipts/refusal';
import { verifyReceipt } from '../../receipts/verify';
import type { Db } from '../db/client';
import { applications, receipts } from '../db/schema';
import { AppError } from '../errors';
import { publishedJwks } from '../receipts/keys';
import { checkInBooking, type CheckInResult } from './check-in';

/**
 * Check-in by a scanned (or pasted) receipt QR. The receipt-specific checks come first: the
 * signature against the published keys (the same verifier the office device runs offline),
 * its expiry, and whether a reschedule replaced it. The booking it names then goes through the
 * typed check-in's own rules (office, day, cancelled or missed, already arrived), so both ways
 * in refuse alike.
 */
export async function checkInByReceipt(
	db: Db,
	officeId: string,
	staffId: string,
	token: string
): Promise<CheckInResult> {
	const verdict = await verifyReceipt(token, await publishedJwks(db));
	if (!verdict.valid) {
		throw new AppError(RECEIPT_SIGNATURE_REFUSALS[verdict.reason], 'BAD_REQUEST');
	}
	const [receipt] = await db
		.select({
			bookingId: receipts.bookingId,
			revokedAt: receipts.revokedAt,
			applicationNumber: applications.number
		})
		.from(receipts)
		.innerJoin(applications, eq(applications.id, receipts.applicationId))
		.where(eq(receipts.id, verdict.claims.jti));
	if (!receipt) throw new AppError(RECEIPT_UNKNOWN, 'BAD_REQUEST');
	if (receipt.revokedAt) throw new AppError(RECEIPT_SUPERSEDED, 'CONFLICT');
	// A cancel or no-show leaves the receipt unrevoked but its booking ended: the booking's own
	// check names which, under the row lock, so a change racing this one is caught there too.
	return checkInBooking(db, officeId, staffId, {
		bookingId: receipt.bookingId,
		applicationNumber: receipt.applicationNumber ?? verdict.claims.app
	});
}
