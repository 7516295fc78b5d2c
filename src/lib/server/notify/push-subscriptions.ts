import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pushSubscriptions } from '../db/schema';
import type { PushTarget } from './push-sender';

/**
 * Saves this device's subscription for the signed-in person. An endpoint is one browser
 * profile, so subscribing again (new keys, or another person signing in on the same browser)
 * takes the row over instead of adding a twin.
 */
export async function savePushSubscription(
	db: Db,
	userId: string,
	target: PushTarget & { userAgent: string | null }
): Promise<{ id: string }> {
	const values = { userId, ...target, lastFailureAt: null };
	const [row] = await db
		.insert(pushSubscriptions)
		.values(values)
		.onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values })
		.returning({ id: pushSubscriptions.id });
	return { id: row!.id };
}

/** Removes this device's subscription; someone else's endpoint is left alone. */
export async function removePushSubscription(db: Db, userId: string, endpoint: string) {
	await db
		.delete(pushSubscriptions)
		.where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
}

/** Whether this device (its endpoint) is subscribed for this person. */
export async function hasPushSubscription(db: Db, userId: string, endpoint: string) {
	const [row] = await db
		.select({ id: pushSubscriptions.id })
		.from(pushSubscriptions)
		.where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
	return Boolean(row);
}
