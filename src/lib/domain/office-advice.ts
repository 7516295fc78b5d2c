/**
 * "When should I apply?": what recent releases, the waiting room and the free seats of one
 * office say, turned into advice lines. Pure, so the rules are tested without a database.
 */

/** How one past release went: minutes from its opening to its last seat, null if never full. */
export interface ReleaseSpeed {
	releaseId: string;
	label: string;
	/** Epoch milliseconds. */
	opensAt: number;
	capacity: number;
	minutesToSellOut: number | null;
}

/** Seats still free on one office-local date (only releases already open count). */
export interface FreeDay {
	date: string;
	free: number;
}

export interface OfficeAdviceFigures {
	/** Newest first. */
	releases: ReleaseSpeed[];
	/** People in the waiting room of the release open now; null when none is open. */
	waitingNow: number | null;
	/** Upcoming dates with seats, in date order (a date may show 0 free). */
	days: FreeDay[];
}

/** A release that sold out within this many minutes is one to be in the room for at opening. */
export const FAST_SELL_OUT_MINUTES = 60;

export type AdviceLine =
	| { kind: 'queue_now'; waiting: number }
	| { kind: 'sold_out_fast'; minutes: number }
	| { kind: 'sold_out_slow'; hours: number }
	| { kind: 'not_sold_out' }
	| { kind: 'free_days'; days: number }
	| { kind: 'no_free_days' }
	| { kind: 'no_data' };

/** The advice lines, most pressing first; never empty. */
export function officeAdvice(figures: OfficeAdviceFigures): AdviceLine[] {
	const lines: AdviceLine[] = [];
	if (figures.waitingNow !== null && figures.waitingNow > 0) {
		lines.push({ kind: 'queue_now', waiting: figures.waitingNow });
	}
	const latest = figures.releases[0];
	if (latest) {
		const minutes = latest.minutesToSellOut;
		if (minutes === null) lines.push({ kind: 'not_sold_out' });
		else if (minutes <= FAST_SELL_OUT_MINUTES) lines.push({ kind: 'sold_out_fast', minutes });
		else lines.push({ kind: 'sold_out_slow', hours: Math.round(minutes / 60) });
	}
	const freeDays = figures.days.filter((day) => day.free > 0).length;
	if (freeDays > 0) lines.push({ kind: 'free_days', days: freeDays });
	else if (latest) lines.push({ kind: 'no_free_days' });
	if (lines.length === 0) lines.push({ kind: 'no_data' });
	return lines;
}

/** Minutes from opening to the moment the last seat went, never below zero. */
export function minutesBetween(opensAt: number, lastSeatAt: number): number {
	return Math.max(0, Math.round((lastSeatAt - opensAt) / 60_000));
}

/** The bar heights of the free-seat chart, scaled to the fullest day. */
export function barHeights(days: readonly FreeDay[], maxHeight: number): number[] {
	const most = Math.max(0, ...days.map((day) => day.free));
	return days.map((day) => (most === 0 ? 0 : Math.round((day.free / most) * maxHeight)));
}
