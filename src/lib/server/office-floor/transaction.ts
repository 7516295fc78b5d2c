import { eq, sql } from 'drizzle-orm';
import { officeLocalDate } from '../../domain/office-time';
import type { Db } from '../db/client';
import { officeFloor, offices } from '../db/schema';
import { AppError } from '../errors';
import { boardState, type BoardState } from './board';
import { publishFloorEvent, type FloorCall } from './events';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Floor {
	officeId: string;
	timeZone: string;
	/** The office-local date of this change. */
	today: string;
	priorityDailyQuota: number;
	boardVersion: number;
}

/**
 * Takes the office's floor row for the rest of the transaction (creating it on first use) and
 * bumps its board version: every change on one office's floor happens one after another.
 */
async function lockFloor(tx: Tx, officeId: string, now: Date): Promise<Floor> {
	const [office] = await tx
		.select({ timeZone: offices.timeZone })
		.from(offices)
		.where(eq(offices.id, officeId));
	if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
	const [row] = await tx
		.insert(officeFloor)
		.values({ officeId, boardVersion: 1 })
		.onConflictDoUpdate({
			target: officeFloor.officeId,
			set: { boardVersion: sql`${officeFloor.boardVersion} + 1` }
		})
		.returning();
	return {
		officeId,
		timeZone: office.timeZone,
		today: officeLocalDate(now, office.timeZone),
		priorityDailyQuota: row!.priorityDailyQuota,
		boardVersion: row!.boardVersion
	};
}

export interface FloorChange<T> {
	result: T;
	/** A number called (or called again) by this change, for the board's chime. */
	call?: FloorCall;
}

/**
 * Runs one change of an office's floor in a transaction, reads the board as it leaves it, and
 * after the commit tells every kiosk board of the office.
 */
export async function changeFloor<T>(
	db: Db,
	officeId: string,
	change: (tx: Tx, floor: Floor) => Promise<FloorChange<T>>,
	now = new Date()
): Promise<T> {
	const { outcome, board } = await db.transaction(async (tx) => {
		const floor = await lockFloor(tx, officeId, now);
		const outcome = await change(tx, floor);
		const board: BoardState = await boardState(tx, floor);
		return { outcome, board };
	});
	await publishFloorEvent(officeId, { board, call: outcome.call ?? null });
	return outcome.result;
}
