/** What a notice is about. Its words are rendered from these in the reader's language. */
import { officeInstant } from './office-time';

export const NOTICE_KINDS = [
	'quota_scheduled',
	'quota_opening',
	'payment_deadline',
	'appointment_tomorrow',
	'office_reschedule',
	'office_no_show',
	'office_cancel',
	'booked_for_you',
	'choice_refused'
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type QuotaNoticeKind = Extract<NoticeKind, 'quota_scheduled' | 'quota_opening'>;
export type ReminderKind = Extract<NoticeKind, 'payment_deadline' | 'appointment_tomorrow'>;
/** Changes the office made to a booking: a special reschedule, a no-show, a cancellation. */
export type OfficeChangeKind = Extract<
	NoticeKind,
	'office_reschedule' | 'office_no_show' | 'office_cancel'
>;
/** What became of an attempt the waiting room made from a person's standing choice. */
export type ChoiceNoticeKind = Extract<NoticeKind, 'booked_for_you' | 'choice_refused'>;

/** Words of a notice, filled in when it is shown; every value is plain text or an ISO instant. */
export interface NoticeParams {
	officeName: string;
	timeZone: string;
	officeCode?: string;
	releaseLabel?: string;
	/** ISO instant the waiting room opens (quota notices). */
	opensAt?: string;
	bookingId?: string;
	/** ISO instants of the appointment and of the payment deadline (reminders). */
	startsAt?: string;
	expiresAt?: string;
	/** The appointment before an office's reschedule (ISO), and the reason staff gave. */
	previousStartsAt?: string;
	reason?: string;
	/** Office cancellations: 'yes' when the fee had been paid (it stays with the application). */
	paid?: 'yes' | 'no';
	/** A refused standing choice: the refusal's key (its words are the `err_<key>` message). */
	refusal?: string;
	/** A refused standing choice: ISO instant the re-armed turn to book by hand ends, if any. */
	turnOpenUntil?: string;
}

/** One notice per change the office made, however often its job runs. */
export function officeChangeKey(changeId: string): string {
	return `office_change:${changeId}`;
}

/** Which notice a booking change gets: only staff's changes are news to the applicant. */
export function officeChangeNoticeKind(change: {
	kind: string;
	actorRole: string;
}): OfficeChangeKind | null {
	if (change.actorRole === 'applicant') return null;
	if (change.kind === 'special_reschedule') return 'office_reschedule';
	if (change.kind === 'no_show') return 'office_no_show';
	if (change.kind === 'cancel') return 'office_cancel';
	return null;
}

/**
 * Whether the room made this attempt from a standing choice, rather than the person sending
 * it by hand: only then were they possibly not watching, so only then is its outcome news.
 */
export function madeFromStandingChoice(attempt: { slotId?: string; slotIds?: string[] }): boolean {
	return attempt.slotId === undefined && attempt.slotIds !== undefined;
}

/** One "booked for you" per attempt (a family booked together hears of it once). */
export function bookedForYouKey(attemptId: string): string {
	return `booked_for_you:${attemptId}`;
}

/** One "your choice was refused" per attempt made from a choice. */
export function choiceRefusedKey(attemptId: string): string {
	return `choice_refused:${attemptId}`;
}

/**
 * Whether a hold still waits for its payment: what both the payment reminder and the "booked
 * for you" notice are about. A hold paid or ended meanwhile makes either stale news.
 */
export function holdAwaitsPayment(status: string, expiresAt: Date, now: Date): boolean {
	return status === 'held' && expiresAt.getTime() > now.getTime();
}

/**
 * Until when a refused person may still book by hand, from the admission as settling the
 * refusal left it (epoch ms expiry): a refusal re-arms the turn with a fresh token, so an
 * admission still on the spent token, ended ('done'), gone or past means no open turn.
 */
export function turnOpenUntil(
	admission: { tokenId: string; expiresAt: number } | 'done' | null,
	spentTokenId: string,
	now: Date
): Date | null {
	if (admission === null || admission === 'done') return null;
	if (admission.tokenId === spentTokenId || admission.expiresAt <= now.getTime()) return null;
	return new Date(admission.expiresAt);
}

/** How long before a hold's payment deadline its reminder goes. */
export const PAYMENT_REMINDER_LEAD_MINUTES = 30;
/** The office-local time on the day before an appointment its reminder goes. */
export const APPOINTMENT_REMINDER_TIME = '09:00';

/** One reminder per kind and booking; a reschedule makes a new booking, so a new reminder. */
export function reminderKey(kind: ReminderKind, bookingId: string): string {
	return `${kind}:${bookingId}`;
}

/** Milliseconds until the payment reminder; null when the deadline is too close to help. */
export function paymentReminderDelay(expiresAt: Date, now: Date): number | null {
	const at = expiresAt.getTime() - PAYMENT_REMINDER_LEAD_MINUTES * 60_000;
	if (expiresAt.getTime() <= now.getTime()) return null;
	return Math.max(0, at - now.getTime());
}

/**
 * Milliseconds until the appointment reminder, sent the morning before (office clock) so the
 * person can still reschedule that day; at once when that morning has passed; null when the
 * appointment has begun.
 */
export function appointmentReminderDelay(
	appointmentDate: string,
	startsAt: Date,
	timeZone: string,
	now: Date
): number | null {
	if (startsAt.getTime() <= now.getTime()) return null;
	const dayBefore = new Date(`${appointmentDate}T00:00:00Z`);
	dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
	const at = officeInstant(
		dayBefore.toISOString().slice(0, 10),
		APPOINTMENT_REMINDER_TIME,
		timeZone
	);
	return Math.max(0, at.getTime() - now.getTime());
}

export function isNoticeKind(value: string): value is NoticeKind {
	return (NOTICE_KINDS as readonly string[]).includes(value);
}

/** One notice per kind, subscription and release, whoever sends it and however often. */
export function quotaNoticeKey(kind: QuotaNoticeKind, subscriptionId: string, releaseId: string) {
	return `${kind}:${subscriptionId}:${releaseId}`;
}

/** The waiting room of a release: where every quota notice leads. */
export function waitingRoomPath(releaseId: string): string {
	return `/booking/room/${releaseId}`;
}

/**
 * When to send the "opening soon" notice: `leadMinutes` before opening, or at once when that
 * moment has passed; null when the room is already open and the notice would be late news.
 */
export function openingNoticeDelay(opensAt: Date, leadMinutes: number, now: Date): number | null {
	if (opensAt.getTime() <= now.getTime()) return null;
	return Math.max(0, opensAt.getTime() - leadMinutes * 60_000 - now.getTime());
}
