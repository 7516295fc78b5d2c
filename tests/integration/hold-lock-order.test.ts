/**
 * Ending bookings (hold expiry, the sweep, cancels) takes its rows' locks in the order a booking
 * decision does: applications, then slots, each in id order. Here another transaction holds the
 * first row of one kind; the expiry must then wait there holding nothing that comes after it.
 * Taken in any other order, the expiry and a batch of decisions could each hold what the other
 * waits for.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expireAttemptHolds } from '../../src/lib/server/booking/holds';
import { db } from '../../src/lib/server/db';
import { applicationStatus, countRows, releaseWithSlotIds, waitFor } from './booking-fixtures';
import { holdSeat } from './payment-fixtures';

const HOLDS = 12;

/** A release of HOLDS one-seat slots, each held by its own person, every deadline passed. */
async function lapsedHolds() {
	const { office, release, slotIds } = await releaseWithSlotIds(HOLDS, 1);
	const holds = [];
	for (const slotId of slotIds) {
		holds.push({
			slotId,
			...(await holdSeat({
				officeId: office.id,
				releaseId: release.id,
				slotId,
				expiresAt: new Date(Date.now() - 1_000)
			}))
		});
	}
	const attempts = await (
		await db()
	).execute<{ attempt_id: string }>(
		sql`select attempt_id from bookings where release_id = ${release.id}`
	);
	return { release, holds, attemptIds: [...attempts].map((row) => row.attempt_id) };
}

const lockedNow = (table: 'slots' | 'applications', id: string) =>
	sql`select 1 from ${sql.raw(table)} where id = ${id} for update nowait`;

/**
 * Holds the first row (lowest id) of `table` in a transaction, starts the expiry, waits until
 * it queues behind that lock, and returns which of `others` the transaction could still lock
 * (each `[table, id]`); then lets the expiry finish.
 */
async function lockFirstThenExpire(
	table: 'slots' | 'applications',
	firstId: string,
	attemptIds: string[],
	others: ['slots' | 'applications', string][]
) {
	const database = await db();
	let expiry: Promise<unknown> | undefined;
	const free: string[] = [];
	await database.transaction(async (tx) => {
		await tx.execute(sql`select 1 from ${sql.raw(table)} where id = ${firstId} for update`);
		const [own] = await tx.execute<{ xid: string }>(sql`select pg_current_xact_id()::text as xid`);
		expiry = expireAttemptHolds(database, attemptIds);
		await waitFor(
			async () =>
				(await countRows(sql`select count(*)::int as n from pg_locks
					where locktype = 'transactionid' and not granted and transactionid::text = ${own!.xid}`)) > 0,
			15_000,
			'the expiry waiting for the held row'
		);
		for (const [otherTable, id] of others) {
			const lockable = await tx
				.transaction(async (probe) => {
					await probe.execute(lockedNow(otherTable, id));
				})
				.then(
					() => true,
					() => false
				);
			if (lockable) free.push(id);
		}
	});
	return { free, ended: (await expiry) as unknown[] };
}

describe('ending bookings takes its locks in the booking decision’s order', () => {
	it('waits on the first slot holding no other slot, every application already its own', async () => {
		const { holds, attemptIds, release } = await lapsedHolds();
		const bySlot = [...holds].sort((a, b) => (a.slotId < b.slotId ? -1 : 1));
		const [first, ...rest] = bySlot;
		const { free, ended } = await lockFirstThenExpire('slots', first!.slotId, attemptIds, [
			...rest.map((hold): ['slots', string] => ['slots', hold.slotId]),
			...holds.map((hold): ['applications', string] => ['applications', hold.applicationId])
		]);
		// Every other slot was still free to lock; no application was.
		expect(free.sort()).toEqual(rest.map((hold) => hold.slotId).sort());
		expect(ended).toHaveLength(HOLDS);
		expect(
			await countRows(
				sql`select count(*)::int as n from slots where release_id = ${release.id} and booked = 0`
			)
		).toBe(HOLDS);
		expect(await applicationStatus(first!.applicationId)).toBe('submitted');
	});

	it('waits on the first application holding no slot and no other application', async () => {
		const { holds, attemptIds, release } = await lapsedHolds();
		const byApplication = [...holds].sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1));
		const [first, ...rest] = byApplication;
		const others: ['slots' | 'applications', string][] = [
			...rest.map((hold): ['applications', string] => ['applications', hold.applicationId]),
			...holds.map((hold): ['slots', string] => ['slots', hold.slotId])
		];
		const { free, ended } = await lockFirstThenExpire(
			'applications',
			first!.applicationId,
			attemptIds,
			others
		);
		expect(free.sort()).toEqual(others.map(([, id]) => id).sort());
		expect(ended).toHaveLength(HOLDS);
		expect(
			await countRows(
				sql`select count(*)::int as n from bookings where release_id = ${release.id} and status = 'expired'`
			)
		).toBe(HOLDS);
	});
});
