import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications } from '../db/schema';

const LIST_LIMIT = 100;

/** The person's newest notices; the device keeps its own copy for reading offline. */
export function listNotices(db: Db, userId: string) {
	return db
		.select({
			id: notifications.id,
			kind: notifications.kind,
			link: notifications.link,
			releaseId: notifications.releaseId,
			params: notifications.params,
			createdAt: notifications.createdAt,
			readAt: notifications.readAt
		})
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(desc(notifications.createdAt))
		.limit(LIST_LIMIT);
}

/** Marks the person's own notices read; ids of anyone else's are silently skipped. */
export async function markNoticesRead(db: Db, userId: string, ids: string[]) {
	if (ids.length === 0) return;
	await db
		.update(notifications)
		.set({ readAt: new Date() })
		.where(
			and(
				eq(notifications.userId, userId),
				inArray(notifications.id, ids),
				isNull(notifications.readAt)
			)
		);
}
