import { eq, inArray } from 'drizzle-orm';
import {
	bookedForYouKey,
	choiceRefusedKey,
	holdAwaitsPayment,
	waitingRoomPath,
	type ChoiceNoticeKind,
	type NoticeParams
} from '../../domain/notices';
import type { Db } from '../db/client';
import { notifications, offices, quotaReleases } from '../db/schema';
import { inAppWanted } from './channels';
import { choiceNoticeMail } from './mail';
import { mailStoredNoticeOnce } from './mail-once';
import { pushNoticeOnce } from './push-once';
import { reminderSubjects } from './reminders';

/**
 * The decision of an attempt the waiting room made from a standing choice, as the booking
 * worker hands it to the notify worker (plain JSON: it rides in a BullMQ job).
 */
export type ChoiceDecision =
	| {
			outcome: 'booked';
			attemptId: string;
			accountId: string;
			releaseId: string;
			bookingIds: string[];
	  }
	| {
			outcome: 'refused';
			attemptId: string;
			accountId: string;
			releaseId: string;
			refusal: string;
			/** ISO instant the re-armed turn ends; null when the refusal left no turn open. */
			turnOpenUntil: string | null;
	  };

interface ChoiceNotice {
	kind: ChoiceNoticeKind;
	dedupeKey: string;
	userId: string;
	releaseId: string;
	link: string;
	params: NoticeParams;
}

/** Office name and zone of each release, for the refusals' words. */
async function officesOfReleases(db: Db, releaseIds: string[]) {
	if (releaseIds.length === 0) return new Map<string, { officeName: string; timeZone: string }>();
	const rows = await db
		.select({ id: quotaReleases.id, officeName: offices.name, timeZone: offices.timeZone })
		.from(quotaReleases)
		.innerJoin(offices, eq(offices.id, quotaReleases.officeId))
		.where(inArray(quotaReleases.id, [...new Set(releaseIds)]));
	return new Map(rows.map((row) => [row.id, row]));
}

/** The notices a batch of choice decisions calls for, read with two queries in all. */
async function choiceNotices(db: Db, decisions: ChoiceDecision[], now: Date) {
	const bookingIds = decisions.flatMap((d) => (d.outcome === 'booked' ? d.bookingIds : []));
	const refused = decisions.flatMap((d) => (d.outcome === 'refused' ? [d] : []));
	const [holds, releaseOffices] = await Promise.all([
		reminderSubjects(db, bookingIds),
		officesOfReleases(
			db,
			refused.map((decision) => decision.releaseId)
		)
	]);
	const notices: ChoiceNotice[] = [];
	const holdById = new Map(holds.map((hold) => [hold.id, hold]));
	for (const decision of decisions) {
		if (decision.outcome !== 'booked') continue;
		// Paid or ended before this ran (a late redelivery): "pay before …" would be wrong news.
		const waiting = decision.bookingIds
			.map((id) => holdById.get(id))
			.filter((hold) => hold && holdAwaitsPayment(hold.status, hold.expiresAt, now));
		const hold = waiting[0];
		if (!hold) continue;
		notices.push({
			kind: 'booked_for_you',
			dedupeKey: bookedForYouKey(decision.attemptId),
			userId: hold.accountId,
			releaseId: hold.releaseId,
			// Where the payment reminder leads (the hold, its billing code, how to pay); a family's
			// holds, one slot and one deadline, are listed together on the booking page.
			link: waiting.length === 1 ? `/booking/manage/${hold.id}` : '/booking',
			params: {
				officeName: hold.officeName,
				timeZone: hold.timeZone,
				bookingId: hold.id,
				startsAt: hold.startsAt.toISOString(),
				expiresAt: hold.expiresAt.toISOString()
			}
		});
	}
	for (const decision of refused) {
		const office = releaseOffices.get(decision.releaseId);
		if (!office) continue; // the release was deleted meanwhile; its room is gone too
		notices.push({
			kind: 'choice_refused',
			dedupeKey: choiceRefusedKey(decision.attemptId),
			userId: decision.accountId,
			releaseId: decision.releaseId,
			link: waitingRoomPath(decision.releaseId),
			params: {
				officeName: office.officeName,
				timeZone: office.timeZone,
				refusal: decision.refusal,
				...(decision.turnOpenUntil ? { turnOpenUntil: decision.turnOpenUntil } : {})
			}
		});
	}
	return notices;
}

/** Notices mailed and pushed at once, a few at a time, so a batch of hundreds is quick. */
const SENDS_AT_ONCE = 16;

/**
 * Tells each person what became of the attempt made for them from their standing choice —
 * they are often not watching, and a hold must be paid within HOLD_MINUTES — by every channel
 * they keep, once: a notice row is unique per attempt, its mail job is named after it, and each
 * device's push is claimed before it is sent. So a redelivered batch's follow-up repeats
 * nothing. Throws after trying every notice when any mail or push failed, so the job's retry
 * resends only what did not go.
 */
export async function sendChoiceNotices(
	db: Db,
	decisions: ChoiceDecision[],
	now = new Date()
): Promise<{ notices: number }> {
	if (decisions.length === 0) return { notices: 0 };
	const notices = await choiceNotices(db, decisions, now);
	if (notices.length === 0) return { notices: 0 };
	await db
		.insert(notifications)
		.values(
			notices.map((notice) => ({
				userId: notice.userId,
				inApp: inAppWanted(notice.userId),
				kind: notice.kind,
				dedupeKey: notice.dedupeKey,
				releaseId: notice.releaseId,
				link: notice.link,
				params: notice.params
			}))
		)
		.onConflictDoNothing({ target: notifications.dedupeKey });
	const failures: unknown[] = [];
	for (let start = 0; start < notices.length; start += SENDS_AT_ONCE) {
		const sent = await Promise.allSettled(
			notices.slice(start, start + SENDS_AT_ONCE).map(async ({ kind, dedupeKey }) => {
				await mailStoredNoticeOnce(db, dedupeKey, (notice) =>
					choiceNoticeMail({ kind, ...notice })
				);
				await pushNoticeOnce(db, dedupeKey);
			})
		);
		for (const result of sent) if (result.status === 'rejected') failures.push(result.reason);
	}
	if (failures.length > 0)
		throw new AggregateError(failures, `${failures.length} choice notice(s) not sent`);
	return { notices: notices.length };
}
