import { sql } from 'drizzle-orm';
import { queueLabel, type QueueSeries, type WalkInReason } from '../../domain/office-floor';
import { queueCounters, queueTickets } from '../db/schema';
import { AppError } from '../errors';
import type { Floor, Tx } from './transaction';

export interface IssuedTicket {
	id: string;
	label: string;
	series: QueueSeries;
	number: number;
}

/**
 * Gives out the next number of a series for the office's day. The counter row is raised in the
 * same transaction as the ticket is written: concurrent check-ins wait on its row lock, and a
 * transaction that fails gives its number back, so numbers have no gaps and no repeats.
 */
export async function issueTicket(
	tx: Tx,
	floor: Floor,
	series: QueueSeries,
	details: {
		bookingId?: string;
		walkInReason?: WalkInReason;
		issuedBy: string;
		/** The most numbers this series may give out today. */
		limit?: number;
	}
): Promise<IssuedTicket> {
	const [counter] = await tx
		.insert(queueCounters)
		.values({ officeId: floor.officeId, date: floor.today, series, lastNumber: 1 })
		.onConflictDoUpdate({
			target: [queueCounters.officeId, queueCounters.date, queueCounters.series],
			set: { lastNumber: sql`${queueCounters.lastNumber} + 1` }
		})
		.returning({ number: queueCounters.lastNumber });
	const number = counter!.number;
	if (details.limit !== undefined && number > details.limit) {
		throw new AppError('counter_priority_quota_used', 'CONFLICT', { limit: details.limit });
	}
	const label = queueLabel(series, number);
	const [ticket] = await tx
		.insert(queueTickets)
		.values({
			officeId: floor.officeId,
			date: floor.today,
			series,
			number,
			label,
			bookingId: details.bookingId,
			walkInReason: details.walkInReason,
			issuedBy: details.issuedBy,
			// The moment of issue, not of the transaction's start: numbers sort by it.
			issuedAt: sql`clock_timestamp()`
		})
		.returning({ id: queueTickets.id });
	return { id: ticket!.id, label, series, number };
}
