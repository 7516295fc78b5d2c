import { sql } from 'drizzle-orm';
import { Counter, Gauge, Histogram } from 'prom-client';
import { db } from '../../db';
import { rowsOf } from '../../db/rows';
import { clusterRegistry, processRegistry } from './registries';

/*
 * Events are counters, counted by the process that committed them, after the commit: a
 * Prometheus counter only rises, survives nothing but is summed over instances, and rate()
 * copes with restarts. Totals read from PostgreSQL would be exact forever but cost a scan of
 * ever-growing tables on every scrape (about 150 ms per million bookings measured); only the
 * live holds, a small set behind a partial index, are read from the database.
 */

export type BookingState = 'held' | 'paid' | 'expired' | 'cancelled' | 'rescheduled' | 'no_show';

const bookingsEntered = new Counter({
	name: 'lancar_bookings_total',
	help: 'Bookings that entered each state in this process (held: seats taken by a decision; paid; expired; cancelled; rescheduled; no_show)',
	labelNames: ['state'] as const,
	registers: [processRegistry]
});

const holdsExpired = new Counter({
	name: 'lancar_holds_expired_total',
	help: "Unpaid holds ended at their deadline in this process, by the hold's own job or by the periodic sweep (sweeps catching holds means lost jobs)",
	labelNames: ['by'] as const,
	registers: [processRegistry]
});

const payments = new Counter({
	name: 'lancar_payments_total',
	help: 'Verified payment notifications applied in this process, by outcome (paid; late: money for a hold that had ended; duplicate; rejected, with reason)',
	labelNames: ['outcome', 'reason'] as const,
	registers: [processRegistry]
});

const checkIns = new Counter({
	name: 'lancar_checkins_total',
	help: 'Bookings checked in at the office (series A queue numbers) in this process, by office id',
	labelNames: ['office'] as const,
	registers: [processRegistry]
});

const decisionBatches = new Histogram({
	name: 'lancar_booking_decision_batch_size',
	help: 'Booking attempts decided together in one transaction by this process (1 on a quiet queue; larger when attempts arrive faster than single decisions would keep up)',
	buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
	registers: [processRegistry]
});

new Gauge({
	name: 'lancar_bookings_held',
	help: 'Holds not yet paid, expired or cancelled (all processes: read from PostgreSQL)',
	registers: [clusterRegistry],
	async collect() {
		// bookings_held_expiry_idx is partial on status = 'held': an index-only count.
		const rows = await (
			await db()
		).execute(sql`select count(*)::int as held from bookings where status = 'held'`);
		this.set(Number(rowsOf<{ held: number }>(rows)[0]?.held ?? 0));
	}
});

export function countBookings(state: BookingState, count = 1): void {
	if (count > 0) bookingsEntered.inc({ state }, count);
}

export function observeDecisionBatch(attempts: number): void {
	decisionBatches.observe(attempts);
}

export function countExpiredHolds(by: 'job' | 'sweep', count: number): void {
	if (count === 0) return;
	holdsExpired.inc({ by }, count);
	countBookings('expired', count);
}

export function countPayment(outcome: { result: string; reason?: string }): void {
	payments.inc({ outcome: outcome.result, reason: outcome.reason ?? '' });
	if (outcome.result === 'paid') countBookings('paid');
}

export function countCheckIn(officeId: string): void {
	checkIns.inc({ office: officeId });
}
