import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import { violatedConstraint } from './db-errors';
import {
	decideAttempt,
	toDecision,
	type DecideOptions,
	type Decision,
	type DecisionRow
} from './decide';
import type { AttemptJob } from './queue';

/** A row of decide_booking_attempts: a decision row of the attempt at that place (from 1). */
type BatchRow = DecisionRow & { attempt_index: number };

/** Unique keys a racing decision can meet; decided singly, each attempt gets its answer. */
const RACES = new Set(['booking_attempts_pkey', 'bookings_one_active_per_application']);

/**
 * Decides many attempts in one transaction and one round trip, in the order given: each gets
 * exactly the decision decideAttempt would give it alone (decide_booking_attempts in
 * drizzle/0013_… runs the same function per attempt). If the batch meets a race on a unique
 * key (another delivery committed first, or a live booking appeared through another path),
 * nothing of it stands and its attempts are decided singly, which knows how to answer those.
 */
export async function decideAttempts(
	db: Db,
	jobs: AttemptJob[],
	options: DecideOptions
): Promise<Decision[]> {
	if (jobs.length === 0) return [];
	const now = options.now?.() ?? new Date();
	const call = (runner: Db) =>
		runner.execute<BatchRow>(sql`
			select * from decide_booking_attempts(
				${JSON.stringify(jobs)}::jsonb, ${options.decidedBy}, ${now.toISOString()}::timestamptz,
				${`${options.holdMinutes} minutes`}::interval
			)`);
	const hook = options.beforeCommit;
	let result: unknown;
	try {
		result = hook
			? await db.transaction(async (tx) => {
					const decided = await call(tx as unknown as Db);
					await hook();
					return decided;
				})
			: await call(db);
	} catch (error) {
		if (!RACES.has(violatedConstraint(error) ?? '')) throw error;
		const decisions: Decision[] = [];
		for (const job of jobs)
			decisions.push(await decideAttempt(db, job, { ...options, now: () => now }));
		return decisions;
	}
	const rowsByPlace = jobs.map((): BatchRow[] => []);
	for (const row of rowsOf<BatchRow>(result)) rowsByPlace[Number(row.attempt_index) - 1]?.push(row);
	return jobs.map((job, place) => toDecision(job, rowsByPlace[place]!));
}
