import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { decideAttempt } from '../../src/lib/server/booking/decide';
import { decideAttempts } from '../../src/lib/server/booking/decide-batch';
import { db } from '../../src/lib/server/db';
import { applicationStatus, countRows, oneSlotOpenRelease, quickAccount } from './booking-fixtures';

const options = { holdMinutes: 120, decidedBy: 'batch-test' };

describe('deciding booking attempts in a batch', () => {
	it('decides in the order given, as each would be decided alone, all or nothing per attempt', async () => {
		const { slotId, attempt } = await oneSlotOpenRelease(3);
		const pair = await attempt(2);
		const trio = await attempt(3);
		const single = await attempt(1);
		const late = await attempt(1);
		const stranger = { ...(await attempt(1)), accountId: (await quickAccount('other')).id };

		const decisions = await decideAttempts(
			await db(),
			[pair, trio, single, stranger, late, pair],
			options
		);
		expect(decisions.map((decision) => decision.refusal ?? decision.outcome)).toEqual([
			'booked',
			'slot_full',
			'booked',
			'booking_application_not_found',
			'slot_full',
			'booked'
		]);
		// The pair delivered twice in one batch holds its two seats once.
		expect(decisions[5]).toEqual(decisions[0]);
		expect(decisions[0]!.bookings).toHaveLength(2);
		expect(await countRows(sql`select booked as n from slots where id = ${slotId}`)).toBe(3);
		for (const id of trio.applicationIds) expect(await applicationStatus(id)).toBe('submitted');
		// Delivered again later, singly or in a batch, every attempt keeps its first decision.
		expect(await decideAttempt(await db(), trio, options)).toEqual(decisions[1]);
		expect(await decideAttempts(await db(), [single, late], options)).toEqual([
			decisions[2],
			decisions[4]
		]);
	});

	it('answers a batch that meets a race on a unique key by deciding its attempts singly', async () => {
		const { slotId, attempt } = await oneSlotOpenRelease(5);
		const first = await attempt(1);
		await decideAttempt(await db(), first, options);
		// The application's booking is live, yet its row says otherwise (as if another path were
		// half-way): the batch's insert of a second live booking fails on the unique index.
		await (
			await db()
		).execute(
			sql`update applications set status = 'submitted' where id = ${first.applicationIds[0]}`
		);
		const again = { ...first, attemptId: randomUUID(), tokenId: randomUUID() };
		const other = await attempt(1);

		const [refused, booked] = await decideAttempts(await db(), [again, other], options);
		expect(refused).toMatchObject({ outcome: 'refused', refusal: 'application_already_booked' });
		expect(booked!.outcome).toBe('booked');
		expect(await countRows(sql`select booked as n from slots where id = ${slotId}`)).toBe(2);
		expect(
			await countRows(
				sql`select count(*)::int as n from bookings where application_id = ${first.applicationIds[0]}`
			)
		).toBe(1);
	});
});
