import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { quotaNoticeKey, waitingRoomPath, type QuotaNoticeKind } from '../../domain/notices';
import { emailWanted, inAppWanted } from './channels';
import type { Db } from '../db/client';
import {
	notifications,
	offices,
	quotaReleases,
	quotaSubscriptions,
	slots,
	users
} from '../db/schema';
import { enqueueMail } from '../queues/mail';
import { quotaNoticeMail } from './mail';
import { pushNoticeOnce } from './push-once';
import { unsubscribeToken } from './unsubscribe-token';

/**
 * Tells every subscriber of the release's office (for any type, or for a type the release
 * has slots of) about the release. Safe to run any number of times, from any number of
 * workers: the notice rows are unique per kind, subscription and release, and each mail job
 * is named after its notice, so each person is told once.
 */
export async function sendQuotaNotices(db: Db, kind: QuotaNoticeKind, releaseId: string) {
	const [release] = await db
		.select({
			id: quotaReleases.id,
			label: quotaReleases.label,
			opensAt: quotaReleases.opensAt,
			officeId: quotaReleases.officeId,
			officeCode: offices.code,
			officeName: offices.name,
			timeZone: offices.timeZone
		})
		.from(quotaReleases)
		.innerJoin(offices, eq(offices.id, quotaReleases.officeId))
		.where(eq(quotaReleases.id, releaseId));
	if (!release) return { created: 0, mailed: 0 };

	const releasedTypes = db
		.selectDistinct({ passportType: slots.passportType })
		.from(slots)
		.where(eq(slots.releaseId, releaseId));
	const subscribers = await db
		.select({ id: quotaSubscriptions.id, userId: quotaSubscriptions.userId })
		.from(quotaSubscriptions)
		.where(
			and(
				eq(quotaSubscriptions.officeId, release.officeId),
				or(
					isNull(quotaSubscriptions.passportType),
					inArray(quotaSubscriptions.passportType, releasedTypes)
				)
			)
		);
	const params = {
		officeCode: release.officeCode,
		officeName: release.officeName,
		timeZone: release.timeZone,
		releaseLabel: release.label,
		opensAt: release.opensAt.toISOString()
	};
	const created = subscribers.length
		? await db
				.insert(notifications)
				.values(
					subscribers.map((subscription) => ({
						userId: subscription.userId,
						kind,
						dedupeKey: quotaNoticeKey(kind, subscription.id, releaseId),
						releaseId,
						subscriptionId: subscription.id,
						link: waitingRoomPath(releaseId),
						params,
						inApp: inAppWanted(subscription.userId)
					}))
				)
				.onConflictDoNothing({ target: notifications.dedupeKey })
				.returning({ id: notifications.id })
		: [];

	// Every notice of this release and kind whose mail is not queued yet, including ones a
	// crashed earlier run inserted; the job id keeps a re-queue from sending twice.
	const unmailed = await db
		.select({
			id: notifications.id,
			subscriptionId: notifications.subscriptionId,
			link: notifications.link,
			email: users.email,
			fullName: users.fullName,
			locale: users.locale
		})
		.from(notifications)
		.innerJoin(users, eq(users.id, notifications.userId))
		.where(
			and(
				eq(notifications.releaseId, releaseId),
				eq(notifications.kind, kind),
				isNull(notifications.emailQueuedAt),
				emailWanted()
			)
		);
	for (const notice of unmailed) {
		const token = notice.subscriptionId ? await unsubscribeToken(notice.subscriptionId) : null;
		await enqueueMail(
			quotaNoticeMail({
				kind,
				to: notice.email,
				name: notice.fullName,
				locale: notice.locale === 'en' ? 'en' : 'id',
				params,
				link: notice.link,
				unsubscribe: notice.subscriptionId && token ? { id: notice.subscriptionId, token } : null
			}),
			`notice-${notice.id}`
		);
		await db
			.update(notifications)
			.set({ emailQueuedAt: sql`now()` })
			.where(eq(notifications.id, notice.id));
	}
	// Every notice of this release and kind, pushed to each device at most once.
	const all = await db
		.select({ dedupeKey: notifications.dedupeKey })
		.from(notifications)
		.where(and(eq(notifications.releaseId, releaseId), eq(notifications.kind, kind)));
	// One person's failing device must not keep the rest from theirs; the retry picks it up.
	const failures: unknown[] = [];
	for (const notice of all)
		await pushNoticeOnce(db, notice.dedupeKey).catch((error: unknown) => failures.push(error));
	if (failures.length > 0) throw new AggregateError(failures, 'some quota pushes failed');
	return { created: created.length, mailed: unmailed.length };
}
