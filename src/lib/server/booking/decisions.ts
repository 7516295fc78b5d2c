import { hostname } from 'node:os';
import { publish, subscribe } from '../pubsub';
import { scheduleBookingReminders } from '../queues/notify';
import { redisKey } from '../redis';
import { newTokenId } from '../waiting-room/tokens';
import { settleAdmission } from '../waiting-room/room';
import type { Decision } from './decide';
import { scheduleHoldExpiry } from './holds';
import type { AttemptJob } from './queue';

export function decisionChannel(): string {
	return redisKey('booking', 'decided');
}

export function workerIdentity(): string {
	return `${hostname()}:${process.pid}`;
}

/**
 * What follows a decision, outside the transaction: the admission is settled (ended by a
 * booking, re-armed by a refusal), the holds get their expiry job, web processes waiting
 * for the answer hear of it, and the bookings get their reminders. Each step is safe to repeat, so a redelivered job redoes them.
 */
export async function afterDecision(job: AttemptJob, decision: Decision): Promise<void> {
	const deadline = decision.bookings[0]?.expiresAt;
	// Settling and scheduling the expiry do not depend on each other: one round trip, not two.
	// The announcement waits for the settle, since the answer reads the admission it leaves.
	await Promise.all([
		settleAdmission(job.releaseId, job.accountId, job.tokenId, decision.outcome, newTokenId()),
		decision.outcome === 'booked' && deadline
			? scheduleHoldExpiry(job.attemptId, deadline)
			: undefined
	]);
	// The decision rides along, so the web process answering the person needs no database read.
	await publish(decisionChannel(), JSON.stringify(decision));
	// Reminders come after the answer: the person waiting for it should not wait for them too.
	for (const booking of decision.bookings) await scheduleBookingReminders(booking.id);
}

type Waiter = (decision: Decision | null) => void;
const waiters = new Map<string, Set<Waiter>>();
let listening: Promise<unknown> | undefined;

function parseDecision(message: string): Decision {
	const decision = JSON.parse(message) as Decision;
	for (const booking of decision.bookings) booking.expiresAt = new Date(booking.expiresAt);
	return decision;
}

function listen(): Promise<unknown> {
	listening ??= subscribe(decisionChannel(), (message) => {
		const decision = parseDecision(message);
		for (const waiter of waiters.get(decision.attemptId) ?? []) waiter(decision);
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
