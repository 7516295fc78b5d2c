import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { nextSeries, type ServiceStep } from '../../domain/office-floor';
import type { Db } from '../db/client';
import { queueTickets, serviceCounters, serviceSteps } from '../db/schema';
import { AppError } from '../errors';
import { priorityCallsInARow } from './board';
import { changeFloor, type Floor, type Tx } from './transaction';

/** The open counter, only if it belongs to the staff member's office (else "not found"). */
async function ownCounter(tx: Tx, floor: Floor, counterId: string) {
	const [counter] = await tx
		.select()
		.from(serviceCounters)
		.where(
			and(
				eq(serviceCounters.id, counterId),
				eq(serviceCounters.officeId, floor.officeId),
				isNull(serviceCounters.closedAt)
			)
		);
	if (!counter) throw new AppError('counter_not_found', 'NOT_FOUND');
	return counter;
}

async function currentTicket(tx: Tx, counter: { currentTicketId: string | null }) {
	if (!counter.currentTicketId) throw new AppError('counter_nobody_called', 'CONFLICT');
	const [ticket] = await tx
		.select()
		.from(queueTickets)
		.where(eq(queueTickets.id, counter.currentTicketId));
	if (!ticket) throw new AppError('counter_nobody_called', 'CONFLICT');
	return ticket;
}

async function endOpenSteps(tx: Tx, ticketId: string, now: Date) {
	await tx
		.update(serviceSteps)
		.set({ endedAt: now })
		.where(and(eq(serviceSteps.ticketId, ticketId), isNull(serviceSteps.endedAt)));
}

export function openCounter(
	db: Db,
	officeId: string,
	staffId: string,
	input: { number: number; name: string }
) {
	return changeFloor(db, officeId, async (tx) => {
		const [counter] = await tx
			.insert(serviceCounters)
			.values({ officeId, number: input.number, name: input.name, openedBy: staffId })
			.onConflictDoNothing()
			.returning();
		if (!counter) throw new AppError('counter_number_taken', 'CONFLICT');
		return { result: counter };
	});
}

export function closeCounter(db: Db, officeId: string, counterId: string) {
	return changeFloor(db, officeId, async (tx, floor) => {
		const counter = await ownCounter(tx, floor, counterId);
		if (counter.currentTicketId) throw new AppError('counter_finish_first', 'CONFLICT');
		await tx
			.update(serviceCounters)
			.set({ closedAt: new Date() })
			.where(eq(serviceCounters.id, counter.id));
		return { result: { ok: true as const } };
	});
}

/** Calls the next waiting number (priority rule in the domain) to this counter. */
export function callNext(db: Db, officeId: string, counterId: string) {
	return changeFloor(db, officeId, async (tx, floor) => {
		const counter = await ownCounter(tx, floor, counterId);
		if (counter.currentTicketId) throw new AppError('counter_finish_first', 'CONFLICT');
		const heads = await tx
			.select({ series: queueTickets.series })
			.from(queueTickets)
			.where(
				and(
					eq(queueTickets.officeId, floor.officeId),
					eq(queueTickets.date, floor.today),
					eq(queueTickets.status, 'waiting')
				)
			)
			.groupBy(queueTickets.series);
		const waiting = { A: false, P: false };
		for (const head of heads) waiting[head.series as 'A' | 'P'] = true;
		const series = nextSeries(waiting, await priorityCallsInARow(tx, floor.officeId, floor.today));
		if (!series) throw new AppError('counter_nobody_waiting', 'CONFLICT');
		const [next] = await tx
			.select()
			.from(queueTickets)
			.where(
				and(
					eq(queueTickets.officeId, floor.officeId),
					eq(queueTickets.date, floor.today),
					eq(queueTickets.series, series),
					eq(queueTickets.status, 'waiting')
				)
			)
			.orderBy(asc(queueTickets.number))
			.limit(1);
		const now = new Date();
		await tx
			.update(queueTickets)
			.set({ status: 'called', counterId: counter.id, calledAt: now })
			.where(eq(queueTickets.id, next!.id));
		await tx
			.update(serviceCounters)
			.set({ currentTicketId: next!.id })
			.where(eq(serviceCounters.id, counter.id));
		const call = {
			label: next!.label,
			counterNumber: counter.number,
			recall: false
		};
		return { result: { ticketId: next!.id, label: next!.label }, call };
	});
}

/** Announces the counter's current number again. */
export function recall(db: Db, officeId: string, counterId: string) {
	return changeFloor(db, officeId, async (tx, floor) => {
		const counter = await ownCounter(tx, floor, counterId);
		const ticket = await currentTicket(tx, counter);
		await tx
			.update(queueTickets)
			.set({ recalls: sql`${queueTickets.recalls} + 1` })
			.where(eq(queueTickets.id, ticket.id));
		const call = {
			label: ticket.label,
			counterNumber: counter.number,
			recall: true
		};
		return { result: { label: ticket.label }, call };
	});
}

export type Ending = 'done' | 'no_show' | 'skipped';

/**
 * Ends the counter's current number: served (done), did not come after being called
 * (no_show), or set aside without serving (skipped). The counter is then free to call.
 */
export function finishCurrent(db: Db, officeId: string, counterId: string, ending: Ending) {
	return changeFloor(db, officeId, async (tx, floor) => {
		const counter = await ownCounter(tx, floor, counterId);
		const ticket = await currentTicket(tx, counter);
		const now = new Date();
		await endOpenSteps(tx, ticket.id, now);
		await tx
			.update(queueTickets)
			.set({ status: ending, endedAt: now })
			.where(eq(queueTickets.id, ticket.id));
		await tx
			.update(serviceCounters)
			.set({ currentTicketId: null })
			.where(eq(serviceCounters.id, counter.id));
		return { result: { label: ticket.label, ending } };
	});
}

/** Starts a service step for the current number; the step before it ends at the same moment. */
export function startStep(
	db: Db,
	officeId: string,
	staffId: string,
	counterId: string,
	step: ServiceStep
) {
	return changeFloor(db, officeId, async (tx, floor) => {
		const counter = await ownCounter(tx, floor, counterId);
		const ticket = await currentTicket(tx, counter);
		const now = new Date();
		await endOpenSteps(tx, ticket.id, now);
		const [row] = await tx
			.insert(serviceSteps)
			.values({ ticketId: ticket.id, counterId: counter.id, step, staffId, startedAt: now })
			.returning();
		return { result: row! };
	});
}
