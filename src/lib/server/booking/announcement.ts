import type { Decision } from './decide';

/** What a worker publishes after a batch: every decision of it, in one message. */
export function announcementOf(decisions: Decision[]): string {
	return JSON.stringify(decisions);
}

/**
 * The decisions in an announcement. Workers before batching published one decision per
 * message; both shapes are read, so web processes updated first keep hearing older workers
 * during a rolling deploy.
 */
export function decisionsIn(message: string): Decision[] {
	const parsed = JSON.parse(message) as Decision | Decision[];
	const decisions = Array.isArray(parsed) ? parsed : [parsed];
	for (const decision of decisions) {
		for (const booking of decision.bookings) booking.expiresAt = new Date(booking.expiresAt);
	}
	return decisions;
}
