import { and, eq, inArray } from 'drizzle-orm';
import { requestedKind } from '../../domain/passport-kinds';
import {
	decodeChoice,
	encodeChoice,
	normalizedChoice,
	type StandingChoice
} from '../../domain/standing-choice';
import type { Db } from '../db/client';
import { applications, slots } from '../db/schema';
import { AppError } from '../errors';
import { consumeChoice } from './limits';
import { readRoom, storeChoice } from './room';
import { requireRelease } from './service';

/** A standing choice with its slots' dates and times, in order of preference. */
export interface ChosenSlots {
	anySlot: boolean;
	slots: { id: string; date: string; startTime: string; endTime: string; free: number }[];
}

async function slotRows(db: Db, releaseId: string, slotIds: string[]) {
	if (slotIds.length === 0) return [];
	return db
		.select({
			id: slots.id,
			date: slots.date,
			startTime: slots.startTime,
			endTime: slots.endTime,
			startsAt: slots.startsAt,
			capacity: slots.capacity,
			booked: slots.booked,
			passportType: slots.passportType,
			service: slots.service
		})
		.from(slots)
		.where(and(eq(slots.releaseId, releaseId), inArray(slots.id, slotIds)));
}

function described(
	choice: StandingChoice,
	rows: Awaited<ReturnType<typeof slotRows>>
): ChosenSlots {
	const byId = new Map(rows.map((row) => [row.id, row]));
	return {
		anySlot: choice.anySlot,
		slots: choice.slotIds.flatMap((id) => {
			const row = byId.get(id);
			if (!row) return [];
			const { date, startTime, endTime } = row;
			return [{ id, date, startTime, endTime, free: row.capacity - row.booked }];
		})
	};
}

/**
 * Keeps the slots a waiting person wants booked when their turn comes. Each must be a slot of
 * this release, still ahead, of the passport type and service the person queues for; the
 * choice can change until the person is admitted, and an empty one clears it.
 */
export async function chooseSlots(
	db: Db,
	accountId: string,
	releaseId: string,
	input: StandingChoice
): Promise<ChosenSlots | null> {
	await consumeChoice(accountId);
	await requireRelease(db, releaseId);
	let choice: StandingChoice | null;
	try {
		choice = normalizedChoice(input);
	} catch {
		throw new AppError('choice_too_many');
	}
	const snapshot = await readRoom(releaseId, accountId, { touch: false });
	if (snapshot.applicationIds.length === 0) throw new AppError('choice_not_allowed', 'CONFLICT');
	const rows = await slotRows(db, releaseId, choice?.slotIds ?? []);
	if (choice && choice.slotIds.length > 0) {
		const forms = await db
			.select({ form: applications.form })
			.from(applications)
			.where(
				and(
					inArray(applications.id, snapshot.applicationIds),
					eq(applications.accountId, accountId)
				)
			);
		const kind = forms[0] ? requestedKind(forms[0].form) : null;
		const byId = new Map(rows.map((row) => [row.id, row]));
		const now = Date.now();
		for (const id of choice.slotIds) {
			const row = byId.get(id);
			if (!row) throw new AppError('slot_not_in_release', 'NOT_FOUND');
			if (row.startsAt.getTime() <= now) throw new AppError('slot_past', 'CONFLICT');
			if (!kind || row.passportType !== kind.passportType || row.service !== kind.service) {
				throw new AppError('slot_kind_mismatch', 'CONFLICT');
			}
		}
	}
	if (!(await storeChoice(releaseId, accountId, choice ? encodeChoice(choice) : null))) {
		throw new AppError('choice_not_allowed', 'CONFLICT');
	}
	return choice ? described(choice, rows) : null;
}

/** The person's standing choice in this room, with its slots, or null if none is kept. */
export async function chosenSlots(
	db: Db,
	accountId: string,
	releaseId: string
): Promise<ChosenSlots | null> {
	await requireRelease(db, releaseId);
	const snapshot = await readRoom(releaseId, accountId, { touch: false });
	const choice = decodeChoice(snapshot.choice);
	if (!choice) return null;
	return described(choice, await slotRows(db, releaseId, choice.slotIds));
}
