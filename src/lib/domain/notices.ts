/** What a notice is about. Its words are rendered from these in the reader's language. */
export const NOTICE_KINDS = ['quota_scheduled', 'quota_opening'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticeParams {
	officeCode: string;
	officeName: string;
	timeZone: string;
	releaseLabel: string;
	/** ISO instant the waiting room opens. */
	opensAt: string;
}

export function isNoticeKind(value: string): value is NoticeKind {
	return (NOTICE_KINDS as readonly string[]).includes(value);
}

/** One notice per kind, subscription and release, whoever sends it and however often. */
export function quotaNoticeKey(kind: NoticeKind, subscriptionId: string, releaseId: string) {
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
