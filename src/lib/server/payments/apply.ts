import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import { countPayment } from '../ops/metrics/bookings';
import type { PaymentNotification } from './provider';

export type PaymentOutcome =
	| { result: 'paid'; bookingId: string }
	| { result: 'late'; bookingId: string; applicationId: string }
	| { result: 'duplicate' }
	| {
			result: 'rejected';
			reason: 'unknown_billing_code' | 'billing_code_expired' | 'wrong_amount' | 'already_paid';
	  };

interface LockedBill {
	amount: number;
	expires_at: Date | string;
	paid_at: Date | string | null;
	booking_id: string;
	booking_status: string;
	application_id: string;
	account_id: string;
	office_id: string;
}

/** Money may be taken this long after our clock says now (bank clocks drift a little). */
const PAID_AT_FUTURE_TOLERANCE_MS = 60_000;

/**
 * Applies one verified payment, all in one transaction: the event id is claimed in
 * `payment_events` together with the effect, so a redelivered event changes nothing.
 * - a held booking paid before its deadline becomes paid, and so does its application;
 * - money taken before the deadline for a hold that has ended since (expired or cancelled
 *   while the notification travelled) is recorded and flagged for the office to settle;
 * - an unknown code, a payment after the deadline, a wrong amount, or a second payment of a
 *   paid code is refused and nothing is written.
 */
export async function applyPayment(
	db: Db,
	payment: PaymentNotification,
	now = new Date()
): Promise<PaymentOutcome> {
	const outcome = await db.transaction(async (tx): Promise<PaymentOutcome> => {
		// The booking row lock keeps the hold's expiry (which skips locked rows) from racing us.
		const locked = await tx.execute(sql`
			select b.amount, b.expires_at, b.paid_at, b.booking_id, k.status as booking_status,
				k.application_id, k.account_id, k.office_id
			from billing_codes b
			join bookings k on k.id = b.booking_id
			where b.code = ${payment.billingCode}
			for update of b, k
		`);
		const bill = rowsOf<LockedBill>(locked)[0];
		if (!bill) return { result: 'rejected', reason: 'unknown_billing_code' };
		// Read after the lock: a twin delivered at the same moment has committed by now.
		const seen = await tx.execute(
			sql`select event_id from payment_events where event_id = ${payment.eventId}`
		);
		if (rowsOf(seen).length > 0) return { result: 'duplicate' };
		if (bill.paid_at) return { result: 'rejected', reason: 'already_paid' };
		if (Number(bill.amount) !== payment.amount)
			return { result: 'rejected', reason: 'wrong_amount' };
		const deadline = new Date(bill.expires_at);
		if (
			payment.paidAt.getTime() > deadline.getTime() ||
			payment.paidAt.getTime() > now.getTime() + PAID_AT_FUTURE_TOLERANCE_MS
		) {
			return { result: 'rejected', reason: 'billing_code_expired' };
		}

		const onTime = bill.booking_status === 'held';
		// Claimed in the same transaction as the effect: a concurrent twin fails on the key and
		// its transaction rolls back whole.
		await tx.execute(sql`
			insert into payment_events (event_id, billing_code, amount, channel, paid_at, outcome)
			values (${payment.eventId}, ${payment.billingCode}, ${payment.amount}, ${payment.channel},
				${payment.paidAt.toISOString()}, ${onTime ? 'paid' : 'late'})
		`);
		await tx.execute(
			sql`update billing_codes set paid_at = ${payment.paidAt.toISOString()} where code = ${payment.billingCode}`
		);
		if (onTime) {
			await tx.execute(sql`
				update bookings set status = 'paid', updated_at = now() where id = ${bill.booking_id}
			`);
			await tx.execute(sql`
				update applications set status = 'paid', version = version + 1, updated_at = now()
				where id = ${bill.application_id} and status = 'booked'
			`);
			return { result: 'paid', bookingId: bill.booking_id };
		}
		await tx.execute(sql`
			insert into payment_flags (event_id, application_id, account_id, booking_id, office_id, reason, amount)
			values (${payment.eventId}, ${bill.application_id}, ${bill.account_id}, ${bill.booking_id},
				${bill.office_id}, ${`hold_${bill.booking_status}`}, ${payment.amount})
		`);
		return { result: 'late', bookingId: bill.booking_id, applicationId: bill.application_id };
	});
	countPayment(outcome);
	return outcome;
}
