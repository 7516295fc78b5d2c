import { and, asc, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import {
	nextSeries,
	PRIORITY_RUN,
	type BoardState,
	type QueueSeries
} from '../../domain/office-floor';
import type { Db } from '../db/client';
import { queueTickets, serviceCounters } from '../db/schema';
import type { Floor, Tx } from './transaction';

export type { BoardState };

const NEXT_SHOWN = 8;

/** Priority numbers called in a row most recently today, to keep to the interleaving rule. */
export async function priorityCallsInARow(db: Db | Tx, officeId: string, date: string) {
	const recent = await db
		.select({ series: queueTickets.series })
		.from(queueTickets)
		.where(
			and(
				eq(queueTickets.officeId, officeId),
				eq(queueTickets.date, date),
				isNotNull(queueTickets.calledAt)
			)
		)
		.orderBy(desc(queueTickets.calledAt))
		.limit(PRIORITY_RUN);
	const run = recent.findIndex((row) => row.series !== 'P');
	return run === -1 ? recent.length : run;
}

async function waitingOf(db: Db | Tx, officeId: string, date: string, series: QueueSeries) {
	const rows = await db
		.select({ label: queueTickets.label })
		.from(queueTickets)
		.where(
			and(
				eq(queueTickets.officeId, officeId),
				eq(queueTickets.date, date),
				eq(queueTickets.series, series),
				eq(queueTickets.status, 'waiting')
			)
		)
		.orderBy(asc(queueTickets.number))
		.limit(NEXT_SHOWN);
	return rows.map((row) => row.label);
}

/** The next numbers in the order counters will call them. */
function callOrder(lines: Record<QueueSeries, string[]>, inARow: number): string[] {
	const queue = { A: [...lines.A], P: [...lines.P] };
	const order: string[] = [];
	let run = inARow;
	while (order.length < NEXT_SHOWN) {
		const series = nextSeries({ A: queue.A.length > 0, P: queue.P.length > 0 }, run);
		if (!series) break;
		order.push(queue[series].shift()!);
		run = series === 'P' ? run + 1 : 0;
	}
	return order;
}

export async function boardState(
	db: Db | Tx,
	floor: Pick<Floor, 'officeId' | 'today' | 'boardVersion'>
): Promise<BoardState> {
	const { officeId, today } = floor;
	const [serving, waitingA, waitingP, inARow, [total]] = await Promise.all([
		db
			.select({
				label: queueTickets.label,
				counterNumber: serviceCounters.number
			})
			.from(serviceCounters)
			.innerJoin(queueTickets, eq(queueTickets.id, serviceCounters.currentTicketId))
			.where(and(eq(serviceCounters.officeId, officeId), isNull(serviceCounters.closedAt)))
			.orderBy(asc(serviceCounters.number)),
		waitingOf(db, officeId, today, 'A'),
		waitingOf(db, officeId, today, 'P'),
		priorityCallsInARow(db, officeId, today),
		db
			.select({ n: count() })
			.from(queueTickets)
			.where(
				and(
					eq(queueTickets.officeId, officeId),
					eq(queueTickets.date, today),
					eq(queueTickets.status, 'waiting')
				)
			)
	]);
	return {
		version: floor.boardVersion,
		date: today,
		serving,
		next: callOrder({ A: waitingA, P: waitingP }, inARow),
		waiting: total?.n ?? 0
	};
}
