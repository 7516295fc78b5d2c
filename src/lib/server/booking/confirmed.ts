import type { Db } from '../db/client';

/**
 * The one seam every path that confirms a seat goes through: a payment, a reschedule, a
 * staff's special reschedule. After the booking's transaction commits, the caller hands the
 * booking id here, and this issues what a confirmed booking carries (its signed receipt, then
 * its Surat Pengantar).
 *
 * Filled in by the payment work; callers must not depend on what it does, only call it.
 */
export async function bookingConfirmed(db: Db, bookingId: string): Promise<void> {
	void db;
	void bookingId;
}
