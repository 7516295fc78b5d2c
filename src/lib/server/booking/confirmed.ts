import type { Db } from '../db/client';
import { enqueueLetter } from '../letters/queue';
import { logger } from '../logger';
import { issueReceipt } from '../receipts/issue';

/**
 * The one seam every path that confirms a seat goes through: a payment, a reschedule, a
 * staff's special reschedule. After the booking's transaction commits, the caller hands the
 * booking id here, and this issues what a confirmed booking carries: its signed receipt
 * (revoking the application's previous one, so an old QR stops verifying at the server), then
 * its Surat Pengantar, rendered by the letters worker.
 *
 * Safe to call again for the same booking: the receipt is kept and the letter job is queued
 * once per receipt. Callers must not depend on what it does, only call it.
 */
export async function bookingConfirmed(db: Db, bookingId: string): Promise<void> {
	const receipt = await issueReceipt(db, bookingId);
	if (!receipt) {
		logger().warn({ bookingId }, 'confirmed booking is not paid; no receipt issued');
		return;
	}
	await enqueueLetter({ bookingId, receiptId: receipt.id });
}
