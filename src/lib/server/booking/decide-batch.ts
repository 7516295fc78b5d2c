import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import { sqlState, violatedConstraint } from './db-errors';
import {
	decideAttempt,
	runDecision,
	toDecision,
	type DecideOptions,
	type Decision,
	type DecisionRow
} from './decide';
import type { AttemptJob } from './queue';

/** A row of decide_bookings: a decision row of the attempt at that place (from 1). */
type BatchRow = DecisionRow & { attempt_index: number };

const DEADLOCK = '40P01';
const DEADLOCK_TRIES = 3;

/** Unique keys a racing decision can meet; decided singly, each attempt gets its answer. */
const RACES = new Set(['booking_attempts_pkey', 'bookings_one_active_per_application']);

/**
 * Decides many attempts in one transaction and one round trip, in the order given: each gets
 * exactly the decision decideAttempt would give it alone (decide_bookings in
 * drizzle/0014_… runs the same function per attempt). If the batch meets a race on a unique
 * key (another delivery committed first, or a live booking appeared through another path),
 * nothing of it stands and its attempts are decided singly, which knows how to answer those.
 * A batch aborted to break a deadlock is decided again, up to DEADLOCK_TRIES times.
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
			select * from decide_bookings(
				${JSON.stringify(jobs)}::jsonb, ${options.decidedBy}, ${now.toISOString()}::timestamptz,
				${`${options.holdMinutes} minutes`}::interval
			)`);
	let result: unknown;
	for (let tries = 1; ; tries++) {
		try {
			result = await runDecision(db, options, call);
			break;
		} catch (error) {
			// A circle of locks with a path that ends bookings: PostgreSQL broke it by aborting
			// this batch, and the other side has gone on. Deciding again finds the way clear.
			if (sqlState(error) === DEADLOCK && tries < DEADLOCK_TRIES) continue;
			if (!RACES.has(violatedConstraint(error) ?? '')) throw error;
			const decisions: Decision[] = [];
			for (const job of jobs) {
				decisions.push(await decideAttempt(db, job, { ...options, now: () => now }));
			}
			return decisions;
		}
	}
	const rowsByPlace = jobs.map((): BatchRow[] => []);
	for (const row of rowsOf<BatchRow>(result)) rowsByPlace[Number(row.attempt_index) - 1]?.push(row);
	return jobs.map((job, place) => toDecision(job, rowsByPlace[place]!));
}
