import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { DEFAULT_PRIORITY_DAILY_QUOTA } from '../../domain/office-floor';
import { officeLocalDate } from '../../domain/office-time';
import type { Db } from '../db/client';
import {
	officeFloor,
	offices,
	queueCounters,
	queueTickets,
	serviceCounters,
	serviceSteps
} from '../db/schema';
import { AppError } from '../errors';
import { boardState } from './board';

/** What the staff of one office see of today's floor: counters, their numbers and steps. */
export async function floorOverview(db: Db, officeId: string, now = new Date()) {
	const [office] = await db
		.select({ timeZone: offices.timeZone, priorityDailyQuota: officeFloor.priorityDailyQuota })
		.from(offices)
		.leftJoin(officeFloor, eq(officeFloor.officeId, offices.id))
		.where(eq(offices.id, officeId));
	if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
	const today = officeLocalDate(now, office.timeZone);
	const counters = await db
		.select({
			id: serviceCounters.id,
			number: serviceCounters.number,
			name: serviceCounters.name,
			openedAt: serviceCounters.openedAt,
			ticketId: queueTickets.id,
			label: queueTickets.label,
			calledAt: queueTickets.calledAt,
			recalls: queueTickets.recalls
		})
		.from(serviceCounters)
		.leftJoin(queueTickets, eq(queueTickets.id, serviceCounters.currentTicketId))
		.where(and(eq(serviceCounters.officeId, officeId), isNull(serviceCounters.closedAt)))
		.orderBy(asc(serviceCounters.number));
	const ticketIds = counters.flatMap((counter) => (counter.ticketId ? [counter.ticketId] : []));
	const steps = ticketIds.length
		? await db
				.select()
				.from(serviceSteps)
				.where(inArray(serviceSteps.ticketId, ticketIds))
				.orderBy(asc(serviceSteps.startedAt))
		: [];
	const [priority] = await db
		.select({ issued: queueCounters.lastNumber })
		.from(queueCounters)
		.where(
			and(
				eq(queueCounters.officeId, officeId),
				eq(queueCounters.date, today),
				eq(queueCounters.series, 'P')
			)
		);
	const board = await boardState(db, { officeId, today, boardVersion: 0 });
	return {
		today,
		counters: counters.map((counter) => ({
			...counter,
			steps: steps.filter((step) => step.ticketId === counter.ticketId)
		})),
		next: board.next,
		waiting: board.waiting,
		priority: {
			quota: office.priorityDailyQuota ?? DEFAULT_PRIORITY_DAILY_QUOTA,
			issued: priority?.issued ?? 0
		}
	};
}
