import { and, eq, inArray, sql } from 'drizzle-orm';
import { requestedKind } from '../../domain/passport-kinds';
import type { Db } from '../db/client';
import { applications, bookingAttempts, bookings, quotaReleases, slots } from '../db/schema';
import { violatedConstraint } from './db-errors';
import type { AttemptJob } from './queue';

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
	/** Runs inside the transaction just before it commits; tests use it to crash mid-decision. */
	beforeCommit?: () => Promise<void>;
}

class Refusal {
	constructor(readonly key: string) {}
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

/**
 * Decides one booking attempt in one transaction: all of its applications get a seat in the
 * slot, or none does. The seats are taken with a conditional UPDATE that only succeeds while
 * `booked + n <= capacity` (and the table's CHECK refuses anything else), so concurrent
 * deciders in any number of processes can never over-fill a slot. The attempt row is written
 * in the same transaction under the attempt's id: a redelivered job that decides again hits
 * that key, its transaction rolls back, and the first decision is returned instead.
 */
export async function decideAttempt(
	db: Db,
	job: AttemptJob,
	options: DecideOptions
): Promise<Decision> {
	const now = options.now?.() ?? new Date();
	try {
		return await db.transaction(async (tx) => {
			const outcome = await decideInTransaction(tx as unknown as Db, job, now, options);
			let decision: Decision;
			if (outcome instanceof Refusal) {
				await tx
					.insert(bookingAttempts)
					.values(attemptRow(job, options.decidedBy, now, outcome.key));
				decision = {
					attemptId: job.attemptId,
					outcome: 'refused',
					refusal: outcome.key,
					bookings: []
				};
			} else {
				decision = {
					attemptId: job.attemptId,
					outcome: 'booked',
					refusal: null,
					bookings: await writeBooking(
						tx as unknown as Db,
						job,
						options.decidedBy,
						now,
						outcome.expiresAt
					)
				};
			}
			await options.beforeCommit?.();
			return decision;
		});
	} catch (error) {
		const constraint = violatedConstraint(error);
		// Another delivery of this very attempt committed first: its decision stands.
		if (constraint === 'booking_attempts_pkey') {
			const decided = await findDecision(db, job.attemptId);
			if (decided) return decided;
		}
		// A live booking of one of the applications appeared through another path.
		if (constraint === 'bookings_one_active_per_application') {
			await recordRefusal(db, job, 'application_already_booked', options.decidedBy, now);
			const decided = await findDecision(db, job.attemptId);
			if (decided) return decided;
		}
		throw error;
	}
}

function attemptRow(job: AttemptJob, decidedBy: string, now: Date, refusal: string | null) {
	return {
		id: job.attemptId,
		accountId: job.accountId,
		releaseId: job.releaseId,
		slotId: job.slotId,
		applicationIds: job.applicationIds,
		tokenId: job.tokenId,
		outcome: refusal ? ('refused' as const) : ('booked' as const),
		refusal,
		decidedBy,
		decidedAt: now
	};
}

/**
 * The attempt, its holds and the applications' new status, in one statement (one round trip
 * while the slot's row lock is held, so the next attempt for the slot waits as little as can be).
 */
async function writeBooking(
	tx: Db,
	job: AttemptJob,
	decidedBy: string,
	now: Date,
	expiresAt: Date
): Promise<HeldBooking[]> {
	const ids = sql.join(
		job.applicationIds.map((id) => sql`${id}`),
		sql`, `
	);
	// postgres.js under drizzle takes timestamps as text in raw SQL.
	const at = now.toISOString();
	const rows = await tx.execute<{
		id: string;
		application_id: string;
		slot_id: string;
		expires_at: Date | string;
	}>(sql`
		with attempt as (
			insert into booking_attempts
				(id, account_id, release_id, slot_id, application_ids, token_id, outcome, refusal, decided_by, decided_at)
			values (${job.attemptId}, ${job.accountId}, ${job.releaseId}, ${job.slotId},
				array[${ids}]::uuid[], ${job.tokenId}, 'booked', null, ${decidedBy}, ${at}::timestamptz)
			returning id
		),
		held as (
			insert into bookings (attempt_id, application_id, account_id, slot_id, release_id, office_id, expires_at)
			select attempt.id, application.id, ${job.accountId}, ${job.slotId}, ${job.releaseId}, ${job.officeId},
				${expiresAt.toISOString()}::timestamptz
			from attempt, unnest(array[${ids}]::uuid[]) as application(id)
			returning id, application_id, slot_id, expires_at
		),
		moved as (
			update applications
			set status = 'booked', version = version + 1, updated_at = ${at}::timestamptz
			where id in (select application_id from held)
			returning id
		)
		select held.id, held.application_id, held.slot_id, held.expires_at
		from held
		where (select count(*) from moved) = (select count(*) from held)
	`);
	return [...rows].map((row) => ({
		id: row.id,
		applicationId: row.application_id,
		slotId: row.slot_id,
		expiresAt: new Date(row.expires_at)
	}));
}

async function recordRefusal(db: Db, job: AttemptJob, key: string, decidedBy: string, now: Date) {
	await db
		.insert(bookingAttempts)
		.values(attemptRow(job, decidedBy, now, key))
		.onConflictDoNothing();
}

async function decideInTransaction(
	tx: Db,
	job: AttemptJob,
	now: Date,
	options: DecideOptions
): Promise<Refusal | { expiresAt: Date }> {
	const count = job.applicationIds.length;
	if (count < 1 || count > 5 || new Set(job.applicationIds).size !== count) {
		return new Refusal('applications_invalid');
	}
	const [slot] = await tx
		.select({
			releaseId: slots.releaseId,
			officeId: slots.officeId,
			startsAt: slots.startsAt,
			passportType: slots.passportType,
			service: slots.service,
			opensAt: quotaReleases.opensAt
		})
		.from(slots)
		.innerJoin(quotaReleases, eq(quotaReleases.id, slots.releaseId))
		.where(eq(slots.id, job.slotId));
	if (!slot || slot.releaseId !== job.releaseId || slot.officeId !== job.officeId) {
		return new Refusal('slot_not_in_release');
	}
	if (slot.opensAt.getTime() > now.getTime()) return new Refusal('release_not_open');
	if (slot.startsAt.getTime() <= now.getTime()) return new Refusal('slot_past');

	// Locking the applications (in a fixed order, so two attempts cannot deadlock) makes
	// concurrent attempts for the same person wait for each other.
	const rows = await tx
		.select({
			id: applications.id,
			accountId: applications.accountId,
			status: applications.status,
			form: applications.form
		})
		.from(applications)
		.where(inArray(applications.id, job.applicationIds))
		.orderBy(applications.id)
		.for('update');
	if (rows.length !== count || rows.some((row) => row.accountId !== job.accountId)) {
		return new Refusal('booking_application_not_found');
	}
	for (const row of rows) {
		if (row.status === 'booked' || row.status === 'paid')
			return new Refusal('application_already_booked');
		if (row.status !== 'submitted') return new Refusal('application_not_submitted');
		const kind = requestedKind(row.form);
		if (!kind || kind.passportType !== slot.passportType || kind.service !== slot.service) {
			return new Refusal('slot_kind_mismatch');
		}
	}

	const taken = await tx
		.update(slots)
		.set({ booked: sql`${slots.booked} + ${count}` })
		.where(and(eq(slots.id, job.slotId), sql`${slots.booked} + ${count} <= ${slots.capacity}`))
		.returning({ booked: slots.booked });
	if (taken.length === 0) return new Refusal('slot_full');
	return { expiresAt: new Date(now.getTime() + options.holdMinutes * 60_000) };
}
