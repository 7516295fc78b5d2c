import { eq } from 'drizzle-orm';
import type { WalkInReason } from '../../domain/office-floor';
import type { Db } from '../db/client';
import { officeFloor } from '../db/schema';
import { issueTicket } from './tickets';
import { changeFloor } from './transaction';

/** A walk-in priority visitor (elderly, pregnant, disabled, small children): series P. */
export function issuePriorityTicket(
	db: Db,
	officeId: string,
	staffId: string,
	reason: WalkInReason
) {
	return changeFloor(db, officeId, async (tx, floor) => ({
		result: await issueTicket(tx, floor, 'P', {
			walkInReason: reason,
			issuedBy: staffId,
			limit: floor.priorityDailyQuota
		})
	}));
}

export async function setPriorityQuota(db: Db, officeId: string, quota: number) {
	await changeFloor(db, officeId, async (tx) => {
		await tx
			.update(officeFloor)
			.set({ priorityDailyQuota: quota })
			.where(eq(officeFloor.officeId, officeId));
		return { result: undefined };
	});
	return { priorityDailyQuota: quota };
}
