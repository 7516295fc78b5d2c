import { trpc } from '$lib/trpc';
import { localDb, type LocalNotice } from './db';

/**
 * Replaces this device's copy of the account's notices with the server's list. Throws when
 * offline; the stored copy is then what the list shows.
 */
export async function refreshNotices(accountId: string): Promise<void> {
	const fresh = await trpc.notify.notices.query();
	const db = localDb();
	const rows: LocalNotice[] = fresh.map((notice) => ({
		id: notice.id,
		accountId,
		kind: notice.kind,
		link: notice.link,
		releaseId: notice.releaseId,
		params: { ...notice.params },
		createdAt: new Date(notice.createdAt).getTime(),
		readAt: notice.readAt ? new Date(notice.readAt).getTime() : null
	}));
	await db.transaction('rw', db.notices, async () => {
		await db.notices.where('accountId').equals(accountId).delete();
		await db.notices.bulkPut(rows);
	});
}

/** Newest first, from the device. */
export function storedNotices(accountId: string): Promise<LocalNotice[]> {
	return localDb()
		.notices.where('[accountId+createdAt]')
		.between([accountId, -Infinity], [accountId, Infinity])
		.reverse()
		.toArray();
}

/** Marks notices read here at once and on the server when it can be reached. */
export async function markNoticesRead(ids: string[]): Promise<void> {
	if (ids.length === 0) return;
	const now = Date.now();
	await localDb().notices.where('id').anyOf(ids).modify({ readAt: now });
	await trpc.notify.markRead.mutate({ ids });
}
