import { and, eq, isNull, sql } from 'drizzle-orm';
import type { NoticeParams } from '../../domain/notices';
import type { Db } from '../db/client';
import { notifications, users } from '../db/schema';
import type { MailMessage } from '../mail';
import type { MailLocale } from '../mail/templates';
import { enqueueMail } from '../queues/mail';
import { emailWanted } from './channels';

export interface StoredNotice {
	to: string;
	name: string;
	locale: MailLocale;
	params: NoticeParams;
	link: string;
}

/**
 * Mails a stored notice at most once: only while its email is not yet queued and its reader
 * wants email. The mail job is named after the notice, so a second worker adds nothing.
 */
export async function mailStoredNoticeOnce(
	db: Db,
	dedupeKey: string,
	render: (notice: StoredNotice) => MailMessage
): Promise<{ queued: boolean }> {
	const [notice] = await db
		.select({
			id: notifications.id,
			link: notifications.link,
			params: notifications.params,
			email: users.email,
			fullName: users.fullName,
			locale: users.locale
		})
		.from(notifications)
		.innerJoin(users, eq(users.id, notifications.userId))
		.where(
			and(
				eq(notifications.dedupeKey, dedupeKey),
				isNull(notifications.emailQueuedAt),
				emailWanted()
			)
		);
	if (!notice) return { queued: false };
	await enqueueMail(
		render({
			to: notice.email,
			name: notice.fullName,
			locale: notice.locale === 'en' ? 'en' : 'id',
			params: notice.params,
			link: notice.link
		}),
		`notice-${notice.id}`
	);
	await db
		.update(notifications)
		.set({ emailQueuedAt: sql`now()` })
		.where(eq(notifications.id, notice.id));
	return { queued: true };
}
