import { hostname } from 'node:os';
import { madeFromStandingChoice, turnOpenUntil } from '../../domain/notices';
import type { ChoiceDecision } from '../notify/choice-notices';
import { publish, subscribe } from '../pubsub';
import { queueDecisionFollowUps } from '../queues/notify';
import { redisKey } from '../redis';
import { newTokenId } from '../waiting-room/tokens';
import { settleAdmission } from '../waiting-room/room';
import { announcementOf, decisionsIn } from './announcement';
import type { Decision } from './decide';
import { scheduleHoldExpiries } from './holds';
import type { AttemptJob } from './queue';

export function decisionChannel(): string {
	return redisKey('booking', 'decided');
}

export function workerIdentity(): string {
	return `${hostname()}:${process.pid}`;
}

export interface Decided {
	job: AttemptJob;
	decision: Decision;
}

type Admission = Awaited<ReturnType<typeof settleAdmission>>;

/**
 * The decisions whose people the notify worker tells at once: those of attempts the room made
 * from a standing choice (a person sending one by hand sees the answer on the page). A refusal
 * carries until when the settle left the turn open to book by hand.
 */
export function choiceDecisionsOf(
	decided: Decided[],
	settled: Admission[],
	now = new Date()
): ChoiceDecision[] {
	return decided.flatMap(({ job, decision }, index): ChoiceDecision[] => {
		if (!madeFromStandingChoice(job)) return [];
		const base = { attemptId: job.attemptId, accountId: job.accountId, releaseId: job.releaseId };
		if (decision.outcome === 'booked')
			return [
				{ ...base, outcome: 'booked', bookingIds: decision.bookings.map((booking) => booking.id) }
			];
		const until = turnOpenUntil(settled[index] ?? null, job.tokenId, now);
		return [
			{
				...base,
				outcome: 'refused',
				refusal: decision.refusal,
				turnOpenUntil: until?.toISOString() ?? null
			}
		];
	});
}

/**
 * What follows decisions, outside their transaction: each admission is settled (ended by a
 * booking, re-armed by a refusal), the holds get their expiry jobs, web processes waiting for
 * the answers hear of them, and one notify job schedules the bookings' reminders and tells the
 * people whose standing choice was decided. Each step is safe to repeat, so a redelivered job
 * redoes them. A batch of decisions costs a few round trips in all.
 */
export async function afterDecisions(decided: Decided[]): Promise<void> {
	if (decided.length === 0) return;
	// Settling and scheduling the expiries do not depend on each other: one round trip, not two.
	// The announcement waits for the settles, since the answer reads the admission they leave.
	const [settled] = await Promise.all([
		Promise.all(
			decided.map(({ job, decision }) =>
				settleAdmission(job.releaseId, job.accountId, job.tokenId, decision.outcome, newTokenId())
			)
		),
		scheduleHoldExpiries(
			decided.flatMap(({ job, decision }) => {
				const deadline = decision.bookings[0]?.expiresAt;
				return decision.outcome === 'booked' && deadline
					? [{ attemptId: job.attemptId, expiresAt: deadline }]
					: [];
			})
		)
	]);
	// The decisions ride along, so the web process answering a person needs no database read.
	await publish(decisionChannel(), announcementOf(decided.map(({ decision }) => decision)));
	// Reminders and notices are the notify worker's: the next batch waits for neither.
	await queueDecisionFollowUps(
		decided.flatMap(({ decision }) => decision.bookings.map((booking) => booking.id)),
		choiceDecisionsOf(decided, settled)
	);
}

type Waiter = (decision: Decision | null) => void;
const waiters = new Map<string, Set<Waiter>>();
let listening: Promise<unknown> | undefined;

function listen(): Promise<unknown> {
	listening ??= subscribe(decisionChannel(), (message) => {
		for (const decision of decisionsIn(message)) {
			for (const waiter of waiters.get(decision.attemptId) ?? []) waiter(decision);
		}
	}).catch((error) => {
		listening = undefined;
		throw error;
	});
	return listening;
}

/**
 * Resolves with the attempt's decision when a worker announces it, null after `timeoutMs`.
 * Subscribe before enqueueing, so the announcement cannot slip past.
 */
export async function decisionAnnounced(attemptId: string, timeoutMs: number) {
	await listen();
	let resolveWait: Waiter = () => {};
	const wait = new Promise<Decision | null>((resolve) => (resolveWait = resolve));
	const set = waiters.get(attemptId) ?? new Set<Waiter>();
	waiters.set(attemptId, set);
	const waiter: Waiter = (decision) => resolveWait(decision);
	set.add(waiter);
	const timer = setTimeout(() => waiter(null), timeoutMs);
	const done = wait.finally(() => {
		clearTimeout(timer);
		set.delete(waiter);
		if (set.size === 0) waiters.delete(attemptId);
	});
	return { done };
}
