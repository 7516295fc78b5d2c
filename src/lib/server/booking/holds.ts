import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queueOptions } from '../queues/connection';
import { rowsOf } from '../db/rows';

export const HOLDS_QUEUE = 'booking-holds';

/**
 * `attemptIds`: the attempts of one batch of decisions, which share their deadline; jobs
 * queued before batching name a single `attemptId`.
 */
export type HoldJob =
	| { kind: 'expire'; attemptIds: string[] }
	| { kind: 'expire'; attemptId: string }
	| { kind: 'sweep' };

let queue: Queue<HoldJob> | undefined;

export function holdsQueue(): Queue<HoldJob> {
	queue ??= new Queue<HoldJob>(HOLDS_QUEUE, {
		...queueOptions(),
		defaultJobOptions: {
			attempts: 10,
			backoff: { type: 'exponential', delay: 1_000 },
			removeOnComplete: { age: 3_600, count: 10_000 },
			removeOnFail: { age: 7 * 86_400 }
		}
	});
	return queue;
}

/**
 * A delayed job ends the holds of the attempts decided together (they share a deadline) when
 * it passes. The job is named after the first of them, so a batch of one is named after its
 * attempt; a redelivered batch may queue a second job for some attempts, which then finds
 * nothing left to end.
 */
export async function scheduleHoldExpiries(
	holds: { attemptId: string; expiresAt: Date }[]
): Promise<void> {
	const byDeadline = new Map<number, string[]>();
	for (const { attemptId, expiresAt } of holds) {
		const attempts = byDeadline.get(expiresAt.getTime()) ?? [];
		attempts.push(attemptId);
		byDeadline.set(expiresAt.getTime(), attempts);
	}
	if (byDeadline.size === 0) return;
	const now = Date.now();
	await holdsQueue().addBulk(
		[...byDeadline].map(([deadline, attemptIds]) => ({
			name: 'expire',
			data: { kind: 'expire' as const, attemptIds },
			opts: { jobId: `expire-${attemptIds[0]}`, delay: Math.max(0, deadline - now) }
		}))
	);
}

/** The periodic sweep catches holds whose delayed job was lost (e.g. Redis lost data). */
export async function scheduleHoldSweep(everySeconds: number): Promise<void> {
	await holdsQueue().upsertJobScheduler(
		'hold-sweep',
		{ every: everySeconds * 1000 },
		{ name: 'sweep', data: { kind: 'sweep' } }
	);
}

export interface EndedHold {
	id: string;
	slotId: string;
	releaseId: string;
	applicationId: string;
}

/** Live booking states whose seat can be given back. */
export type LiveBookingStatus = 'held' | 'paid';

interface EndedRow {
	id: string;
	slot_id: string;
	release_id: string;
	application_id: string;
	previous: LiveBookingStatus;
}

/** A PostgreSQL array literal of ids or words (no commas, quotes or braces in them). */
const pgArray = (values: string[], type: 'uuid' | 'text') =>
	sql`${`{${values.join(',')}}`}::${sql.raw(type)}[]`;

/**
 * Ends bookings in one transaction (a savepoint inside the caller's): each booking leaves its
 * live state, its seat goes back to the slot at once (the waiting room sees it on its next tick
 * and admits the next person), and its application moves on: an unpaid hold's application is
 * ready to book again; a paid one's is cancelled, since its fee is not refunded (PNBP) and a new
 * booking needs a new application. Only bookings still in one of `from` are touched, so an
 * expiry racing a payment, or a second cancel, changes nothing twice.
 *
 * Applications, then slots, are locked in id order before they change: the order a booking
 * decision takes them in, so an expiry, a sweep and a batch of decisions sharing rows wait for
 * each other instead of closing a circle of locks.
 */
export async function endBookings(
	db: Db,
	status: 'expired' | 'cancelled',
	which: ReturnType<typeof sql>,
	limit: number,
	from: readonly LiveBookingStatus[] = ['held']
): Promise<EndedHold[]> {
	const fromList = sql.join(
		from.map((state) => sql`${state}`),
		sql`, `
	);
	const ended = await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Db;
		const rows = rowsOf<EndedRow>(
			await tx.execute(sql`
				with picked as (
					select id, status as previous from bookings
					where status in (${fromList}) and ${which}
					order by expires_at
					limit ${limit}
					for update skip locked
				)
				update bookings b
				set status = ${status}, ended_at = now(), updated_at = now()
				from picked
				where b.id = picked.id
				returning b.id, b.slot_id, b.release_id, b.application_id, picked.previous`)
		);
		if (rows.length === 0) return rows;
		const applicationIds = rows.map((row) => row.application_id);
		const slotIds = rows.map((row) => row.slot_id);
		const previous = pgArray(
			rows.map((row) => row.previous),
			'text'
		);
		await tx.execute(sql`
			select 1 from applications where id = any(${pgArray(applicationIds, 'uuid')})
			order by id for no key update`);
		await tx.execute(sql`
			select 1 from slots where id = any(${pgArray(slotIds, 'uuid')})
			order by id for no key update`);
		await tx.execute(sql`
			with moved_on as (
				update applications a
				set status = case when ended.previous = 'held' then 'submitted' else 'cancelled' end::application_status,
					version = a.version + 1, updated_at = now()
				from unnest(${pgArray(applicationIds, 'uuid')}, ${previous}) as ended(application_id, previous)
				where a.id = ended.application_id and a.status in ('booked', 'paid')
				returning a.id
			)
			update slots s
			set booked = s.booked - returned.seats
			from (select slot_id, count(*)::int as seats from unnest(${pgArray(slotIds, 'uuid')}) as slot_id
				group by slot_id) returned
			where s.id = returned.slot_id`);
		return rows;
	});
	return ended.map((row) => ({
		id: row.id,
		slotId: row.slot_id,
		releaseId: row.release_id,
		applicationId: row.application_id
	}));
}

/** Ends the holds of these attempts whose deadline has passed (up to five holds each). */
export function expireAttemptHolds(db: Db, attemptIds: string[]): Promise<EndedHold[]> {
	const ids = sql.join(
		attemptIds.map((id) => sql`${id}::uuid`),
		sql`, `
	);
	return endBookings(
		db,
		'expired',
		sql`attempt_id in (${ids}) and expires_at <= now()`,
		attemptIds.length * 5
	);
}

/** Ends every hold past its deadline, in batches. */
export async function sweepExpiredHolds(db: Db, batch = 500): Promise<EndedHold[]> {
	const ended: EndedHold[] = [];
	for (;;) {
		const rows = await endBookings(db, 'expired', sql`expires_at <= now()`, batch);
		ended.push(...rows);
		if (rows.length < batch) return ended;
	}
}

export async function closeHoldsQueue(): Promise<void> {
	await queue?.close();
	queue = undefined;
}
