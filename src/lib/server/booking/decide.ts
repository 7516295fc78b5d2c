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
 * in the same transaction: a redelivered job finds it and returns the same decision.
 */
export async function decideAttempt(
	db: Db,
	job: AttemptJob,
	options: DecideOptions
): Promise<Decision> {
	const earlier = await findDecision(db, job.attemptId);
	if (earlier) return earlier;
	const now = options.now?.() ?? new Date();
	try {
		await db.transaction(async (tx) => {
			const outcome = await decideInTransaction(tx as unknown as Db, job, now, options);
			await tx.insert(bookingAttempts).values({
				id: job.attemptId,
				accountId: job.accountId,
				releaseId: job.releaseId,
				slotId: job.slotId,
				applicationIds: job.applicationIds,
				tokenId: job.tokenId,
				outcome: outcome instanceof Refusal ? 'refused' : 'booked',
				refusal: outcome instanceof Refusal ? outcome.key : null,
				decidedBy: options.decidedBy,
				decidedAt: now
			});
			if (!(outcome instanceof Refusal)) {
				await tx.insert(bookings).values(
					job.applicationIds.map((applicationId) => ({
						attemptId: job.attemptId,
						applicationId,
						accountId: job.accountId,
						slotId: job.slotId,
						releaseId: job.releaseId,
						officeId: job.officeId,
						expiresAt: outcome.expiresAt
					}))
				);
				await tx
					.update(applications)
					.set({
						status: 'booked',
						version: sql`${applications.version} + 1`,
						updatedAt: now
					})
					.where(inArray(applications.id, job.applicationIds));
			}
			await options.beforeCommit?.();
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
	const decided = await findDecision(db, job.attemptId);
	if (!decided) throw new Error(`attempt ${job.attemptId} has no decision after commit`);
	return decided;
}

async function recordRefusal(db: Db, job: AttemptJob, key: string, decidedBy: string, now: Date) {
	await db
		.insert(bookingAttempts)
		.values({
			id: job.attemptId,
			accountId: job.accountId,
			releaseId: job.releaseId,
			slotId: job.slotId,
			applicationIds: job.applicationIds,
			tokenId: job.tokenId,
			outcome: 'refused',
			refusal: key,
			decidedBy,
			decidedAt: now
		})
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
