import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookingAttempts, bookings } from '../db/schema';
import { violatedConstraint } from './db-errors';
import { slotChoices, type AttemptJob } from './queue';
import { rowsOf } from '../db/rows';

export interface HeldBooking {
	id: string;
	applicationId: string;
	slotId: string;
	expiresAt: Date;
}

export type Decision =
	| { attemptId: string; outcome: 'booked'; refusal: null; bookings: HeldBooking[] }
	| { attemptId: string; outcome: 'refused'; refusal: string; bookings: [] };

export interface DecideOptions {
	holdMinutes: number;
	decidedBy: string;
	now?: () => Date;
	/** Runs inside the decision's transaction just before it commits (tests: crash mid-decision). */
	beforeCommit?: () => Promise<void>;
}

/**
 * Runs a deciding statement on its own (one round trip, its own transaction), or, when a test
 * hooks the moment before the commit, inside a transaction that waits for the hook.
 */
export function runDecision<T>(
	db: Db,
	options: Pick<DecideOptions, 'beforeCommit'>,
	call: (runner: Db) => Promise<T>
): Promise<T> {
	const hook = options.beforeCommit;
	if (!hook) return call(db);
	return db.transaction(async (tx) => {
		const decided = await call(tx as unknown as Db);
		await hook();
		return decided;
	});
}

/** Reads the decision already taken for an attempt, if any. */
export async function findDecision(db: Db, attemptId: string): Promise<Decision | null> {
	const [attempt] = await db
		.select()
		.from(bookingAttempts)
		.where(eq(bookingAttempts.id, attemptId));
	if (!attempt) return null;
	if (attempt.outcome === 'refused') {
		return { attemptId, outcome: 'refused', refusal: attempt.refusal ?? 'unknown', bookings: [] };
	}
	const held = await db
		.select({
			id: bookings.id,
			applicationId: bookings.applicationId,
			slotId: bookings.slotId,
			expiresAt: bookings.expiresAt
		})
		.from(bookings)
		.where(eq(bookings.attemptId, attemptId));
	return { attemptId, outcome: 'booked', refusal: null, bookings: held };
}

/** A row of decide_booking: one per hold, or one refusal. */
export type DecisionRow = {
	outcome: 'booked' | 'refused';
	refusal: string | null;
	booking_id: string | null;
	application_id: string | null;
	expires_at: string | Date | null;
	slot_id: string | null;
};

/**
 * Decides one booking attempt: all of its applications get a seat in one slot, or none does.
 * The rules run in PostgreSQL as decide_booking (drizzle/0014_…, from 0005's single-slot
 * decide_booking_attempt), in one transaction and one round trip:
 *   - the release must be the office's and open (slot_not_in_release, release_not_open);
 *   - the applications (1–5, distinct) are locked in id order and must be the account's own,
 *     submitted, and of one passport type and service (booking_application_not_found,
 *     application_already_booked, application_not_submitted, slot_kind_mismatch);
 *   - the attempt's slots are tried in order of preference (a slot chosen by hand is the only
 *     one): in the release, still ahead, of that kind (slot_not_in_release, slot_past,
 *     slot_kind_mismatch), and seats are taken with
 *     `UPDATE … SET booked = booked + n WHERE booked + n <= capacity` (slot_full when it
 *     matches nothing), backed by the slots CHECK constraint, so concurrent deciders in any
 *     number of processes can never over-fill a slot; with anySlot, the earliest free slot of
 *     the release follows (no_free_slot when there is none);
 *   - the attempt row (the decision), the holds and the applications' new status are written.
 * A redelivered attempt finds its row and gets the same decision; one that races past that
 * check fails on the attempt's key, rolls back, and the first decision is read instead.
 */
export async function decideAttempt(
	db: Db,
	job: AttemptJob,
	options: DecideOptions
): Promise<Decision> {
	const now = options.now?.() ?? new Date();
	// postgres.js under drizzle takes arrays, timestamps and intervals as text in raw SQL.
	const call = (runner: Db) =>
		runner.execute<DecisionRow>(sql`
			select * from decide_booking(
				${job.attemptId}::uuid, ${job.accountId}::uuid, ${job.releaseId}::uuid,
				${job.officeId}::uuid, ${uuidArray(slotChoices(job))}::uuid[], ${job.anySlot ?? false},
				${uuidArray(job.applicationIds)}::uuid[], ${job.tokenId},
				${options.decidedBy}, ${now.toISOString()}::timestamptz,
				${`${options.holdMinutes} minutes`}::interval
			)`);
	try {
		const rows = await runDecision(db, options, call);
		return toDecision(job, rowsOf<DecisionRow>(rows));
	} catch (error) {
		const constraint = violatedConstraint(error);
		// Another delivery of this very attempt committed first: its decision stands.
		if (constraint === 'booking_attempts_pkey') {
			const decided = await findDecision(db, job.attemptId);
			if (decided) return decided;
		}
		// A live booking of one of the applications appeared through another path.
		if (constraint === 'bookings_one_active_per_application') {
			await db
				.insert(bookingAttempts)
				.values({
					id: job.attemptId,
					accountId: job.accountId,
					releaseId: job.releaseId,
					slotId: slotChoices(job)[0] ?? null,
					applicationIds: job.applicationIds,
					tokenId: job.tokenId,
					outcome: 'refused',
					refusal: 'application_already_booked',
					decidedBy: options.decidedBy,
					decidedAt: now
				})
				.onConflictDoNothing();
			const decided = await findDecision(db, job.attemptId);
			if (decided) return decided;
		}
		throw error;
	}
}

/** A PostgreSQL array literal of ids (validated as UUIDs at every boundary they cross). */
function uuidArray(ids: readonly string[]): string {
	return `{${ids.join(',')}}`;
}

export function toDecision(job: AttemptJob, rows: DecisionRow[]): Decision {
	const first = rows[0];
	if (!first) throw new Error(`attempt ${job.attemptId} returned no decision`);
	if (first.outcome === 'refused') {
		return {
			attemptId: job.attemptId,
			outcome: 'refused',
			refusal: first.refusal ?? 'unknown',
			bookings: []
		};
	}
	return {
		attemptId: job.attemptId,
		outcome: 'booked',
		refusal: null,
		bookings: rows.map((row) => ({
			id: row.booking_id!,
			applicationId: row.application_id!,
			slotId: row.slot_id!,
			expiresAt: new Date(row.expires_at!)
		}))
	};
}
