import { and, eq, sql } from 'drizzle-orm';
import type { NoticeKind, NoticeParams } from '../../domain/notices';
import type { Db } from '../db/client';
import { notifications, pushDeliveries, pushSubscriptions, users } from '../db/schema';
import { logger } from '../logger';
import type { MailLocale } from '../mail/templates';
import { activePushSender, type PushPayload, type PushSender } from './push-sender';
import { noticePush } from './push-text';

export interface PushNotice {
	id: string;
	kind: NoticeKind;
	locale: MailLocale;
	params: NoticeParams;
	link: string;
}

/**
 * Pushes a stored notice to each of its reader's subscribed devices, at most once per device:
 * a device is claimed in `push_deliveries` before the send, so a retry or a second worker skips
 * it; a send that fails gives the claim back and the job's retry tries that device again. A
 * device the push service no longer knows (404/410) is forgotten. Throws after trying every
 * device when any failed, so the job is retried for those alone.
 */
export async function pushNoticeOnce(
	db: Db,
	dedupeKey: string,
	sender: PushSender = activePushSender(),
	render: (notice: PushNotice) => PushPayload = noticePush
): Promise<{ pushed: number }> {
	const [notice] = await db
		.select({
			id: notifications.id,
			kind: notifications.kind,
			userId: notifications.userId,
			link: notifications.link,
			params: notifications.params,
			locale: users.locale
		})
		.from(notifications)
		.innerJoin(users, eq(users.id, notifications.userId))
		.where(eq(notifications.dedupeKey, dedupeKey));
	if (!notice) return { pushed: 0 };
	const devices = await db
		.select()
		.from(pushSubscriptions)
		.where(eq(pushSubscriptions.userId, notice.userId));
	if (devices.length === 0) return { pushed: 0 };
	const payload = render({
		id: notice.id,
		kind: notice.kind as NoticeKind,
		locale: notice.locale === 'en' ? 'en' : 'id',
		params: notice.params,
		link: notice.link
	});

	let pushed = 0;
	const failures: unknown[] = [];
	for (const device of devices) {
		const claimed = await db
			.insert(pushDeliveries)
			.values({ notificationId: notice.id, subscriptionId: device.id })
			.onConflictDoNothing()
			.returning({ at: pushDeliveries.at });
		if (claimed.length === 0) continue;
		try {
			const result = await sender.send(device, payload);
			if (result === 'gone') {
				await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, device.id));
				continue;
			}
			pushed += 1;
			await db
				.update(pushSubscriptions)
				.set({ lastSuccessAt: sql`now()` })
				.where(eq(pushSubscriptions.id, device.id));
		} catch (error) {
			failures.push(error);
			await db
				.delete(pushDeliveries)
				.where(
					and(
						eq(pushDeliveries.notificationId, notice.id),
						eq(pushDeliveries.subscriptionId, device.id)
					)
				);
			await db
				.update(pushSubscriptions)
				.set({ lastFailureAt: sql`now()` })
				.where(eq(pushSubscriptions.id, device.id));
			logger().warn({ err: error, subscriptionId: device.id }, 'push send failed');
		}
	}
	if (failures.length > 0)
		throw new AggregateError(failures, `${failures.length} push send(s) failed`);
	return { pushed };
}
