import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { noticeChannels, notifications } from '../db/schema';

export interface NoticeChannels {
	email: boolean;
	inApp: boolean;
}

/** A person's channel choice; both are on until they choose otherwise. */
export async function channelsOf(db: Db, userId: string): Promise<NoticeChannels> {
	const [row] = await db
		.select({ email: noticeChannels.email, inApp: noticeChannels.inApp })
		.from(noticeChannels)
		.where(eq(noticeChannels.userId, userId));
	return row ?? { email: true, inApp: true };
}

export async function setChannels(db: Db, userId: string, channels: NoticeChannels) {
	await db
		.insert(noticeChannels)
		.values({ userId, ...channels })
		.onConflictDoUpdate({
			target: noticeChannels.userId,
			set: { ...channels, updatedAt: sql`now()` }
		});
	return channels;
}

/** For a notice's `inApp` when it is inserted: the person's in-app choice at that moment. */
export function inAppWanted(userId: string): SQL<boolean> {
	return sql<boolean>`coalesce((select ${noticeChannels.inApp} from ${noticeChannels} where ${noticeChannels.userId} = ${userId}), true)`;
}

/** For the "mails to queue" queries: the notice's person still wants email. */
export function emailWanted(): SQL<boolean> {
	return sql<boolean>`coalesce((select ${noticeChannels.email} from ${noticeChannels} where ${noticeChannels.userId} = ${notifications.userId}), true)`;
}
