import { z } from 'zod';
import type { StandingChoice } from './standing-choice';

/**
 * Rules of the fair waiting room, free of Redis and clocks so they can be tested alone. The
 * room numbers places with counters: a person's ticket against the room's now-serving number.
 */

/** Fisher–Yates: a uniformly random permutation when `randomBelow(n)` is uniform on 0..n-1. */
export function shuffle<T>(items: readonly T[], randomBelow: (n: number) => number): T[] {
	const result = [...items];
	for (let index = result.length - 1; index > 0; index--) {
		const other = randomBelow(index + 1);
		[result[index], result[other]] = [result[other]!, result[index]!];
	}
	return result;
}

/**
 * People ahead of `ticket` when every ticket up to `serving` has been admitted or skipped.
 * It counts places whose holders may have gone; they are skipped without using the rate.
 */
export function peopleAhead(ticket: number, serving: number): number {
	return Math.max(0, ticket - serving - 1);
}

/**
 * People in a room who have not been let in yet: before the opening everyone who arrived, after
 * it the tickets not yet served.
 */
export function waitingInRoom(room: {
	phase: 'pre' | 'drawing' | 'open';
	lastTicket: number;
	serving: number;
	preQueueSize: number;
}): number {
	return room.phase === 'open'
		? Math.max(0, room.lastTicket - room.serving)
		: room.preQueueSize + room.lastTicket;
}

export interface RateSample {
	/** Milliseconds since the epoch. */
	at: number;
	/** Admissions so far (a running total). */
	admitted: number;
}

/**
 * Admissions per second measured over the samples, oldest to newest; null while there is
 * not enough history to say (fewer than two samples, or under `minSpanMs` of them).
 */
export function measuredRate(samples: readonly RateSample[], minSpanMs = 3_000): number | null {
	if (samples.length < 2) return null;
	const first = samples[0]!;
	const last = samples[samples.length - 1]!;
	const span = last.at - first.at;
	if (span < minSpanMs) return null;
	return ((last.admitted - first.admitted) * 1000) / span;
}

/**
 * An honest estimate of the wait in seconds: the people ahead divided by the rate the room
 * has actually admitted at. Unknown (null) without a measured rate, or when it stands still;
 * and when the quota is sold out, since nobody is called, not even the first in line, until a
 * seat comes back.
 */
export function estimatedWaitSeconds(
	ahead: number,
	ratePerSecond: number | null,
	soldOut = false
): number | null {
	if (soldOut) return null;
	if (ahead === 0) return 0;
	if (ratePerSecond === null || ratePerSecond <= 0) return null;
	return Math.ceil(ahead / ratePerSecond);
}

export interface PollContext {
	ahead: number;
	ratePerSecond: number | null;
	/** People waiting in this room, to keep all their polls together within a budget. */
	waiting: number;
	/** Status answers per second the server is willing to give this room. */
	budgetPerSecond: number;
	/** Milliseconds until the room opens, when it has not yet. */
	untilOpenMs?: number;
	/** 0..1, spreads the first polls after an opening so they do not all land at once. */
	jitter?: number;
}

export const MIN_POLL_MS = 2_000;
export const MAX_POLL_MS = 30_000;

/** People whose turn is expected within this long poll at their own pace, outside the budget. */
export const NEAR_TURN_MS = 10_000;

/**
 * How long a polling browser waits before asking again: soon when its turn is near (so an
 * admission is picked up at once), rarely when it is far back, and, for everyone not near
 * their turn, never so often that the room's polls together exceed the budget.
 */
export function pollIntervalMs(context: PollContext): number {
	const { ahead, ratePerSecond, waiting, budgetPerSecond, untilOpenMs, jitter = 0.5 } = context;
	const budgetFloor = budgetPerSecond > 0 ? (waiting / budgetPerSecond) * 1000 : MAX_POLL_MS;
	let interval: number;
	if (untilOpenMs !== undefined && untilOpenMs > 0) {
		if (untilOpenMs > MAX_POLL_MS) return MAX_POLL_MS;
		// Ask again shortly after the opening, when the draw has given everyone a place; spread
		// over the budget so the whole pre-queue does not ask in the same second.
		const spread = Math.min(Math.max(2_000, budgetFloor), MAX_POLL_MS);
		return Math.round(untilOpenMs + 1_000 + jitter * spread);
	} else if (ratePerSecond && ratePerSecond > 0) {
		const expectedMs = (ahead / ratePerSecond) * 1000;
		// A quarter of the expected wait: the position moves visibly between polls.
		interval = expectedMs / 4;
		if (expectedMs > NEAR_TURN_MS) interval = Math.max(interval, budgetFloor);
	} else {
		interval = Math.max(5_000, budgetFloor);
	}
	return Math.round(Math.min(Math.max(interval, MIN_POLL_MS), MAX_POLL_MS));
}

/**
 * Pairs served out of arrival order: for each person, those who arrived later but were served
 * earlier. `arrivalRanksInServiceOrder[i]` is the arrival rank of the i-th person served.
 * O(n log n) by merge sort.
 */
export function countInversions(arrivalRanksInServiceOrder: readonly number[]): number {
	const values = [...arrivalRanksInServiceOrder];
	const buffer = new Array<number>(values.length);
	let inversions = 0;
	for (let width = 1; width < values.length; width *= 2) {
		for (let left = 0; left < values.length; left += 2 * width) {
			const middle = Math.min(left + width, values.length);
			const right = Math.min(left + 2 * width, values.length);
			let i = left;
			let j = middle;
			let k = left;
			while (i < middle && j < right) {
				if (values[i]! <= values[j]!) buffer[k++] = values[i++]!;
				else {
					inversions += middle - i;
					buffer[k++] = values[j++]!;
				}
			}
			while (i < middle) buffer[k++] = values[i++]!;
			while (j < right) buffer[k++] = values[j++]!;
			for (let copy = left; copy < right; copy++) values[copy] = buffer[copy]!;
		}
	}
	return inversions;
}

/**
 * What an admission token says. It is signed with HMAC by the server; `jti` is unique per
 * admission (and per retry after a refused attempt), so a token is good for one attempt.
 */
export const admissionTokenPayloadSchema = z.object({
	v: z.literal(1),
	jti: z.string().min(16).max(64),
	/** The account admitted. */
	sub: z.uuid(),
	/** The quota release whose room admitted it. */
	rel: z.uuid(),
	/** The release's office, so a booking attempt finds its queue without a database read. */
	off: z.uuid(),
	/** Issued and expiry instants, milliseconds since the epoch. */
	iat: z.number().int(),
	exp: z.number().int()
});

export type AdmissionTokenPayload = z.infer<typeof admissionTokenPayloadSchema>;

export function isTokenLive(payload: Pick<AdmissionTokenPayload, 'exp'>, now: number): boolean {
	return now < payload.exp;
}

/** Where a person stands in a room, as their browser shows it. */
export type PlaceState =
	| 'none' // not in this room
	| 'pre_queue' // arrived before the opening; a random place is drawn at it
	| 'drawing' // the opening has passed; the draw is being written
	| 'waiting' // has a ticket; `ahead` people are before them
	| 'admitted' // may book now with `admission.token`
	| 'booked' // booked with this admission
	| 'gone'; // the place ended (see goneReason); joining again gives a new place

export type GoneReason = 'abandoned' | 'lapsed' | 'left';

export interface RoomView {
	releaseId: string;
	place: PlaceState;
	goneReason: GoneReason | null;
	/** Milliseconds since the epoch; the browser counts down against serverNow. */
	opensAt: number;
	serverNow: number;
	ticket: number | null;
	serving: number;
	ahead: number | null;
	/** People in the room who have not been served yet. */
	waiting: number;
	estimatedWaitSeconds: number | null;
	measuredRate: number | null;
	/** Every seat of the release is taken (holds may still expire and give some back). */
	soldOut: boolean;
	paused: boolean;
	/** While admitted: the token for a booking attempt, its expiry and the admission's number. */
	admission: { token: string; expiresAt: number; sequence: number } | null;
	/** When a polling browser should ask again; the server chooses. */
	pollAfterMs: number;
	/** The applications this place is for (they are booked together). */
	applicationIds: string[];
	/** How long a place is kept for someone who stops checking in. */
	graceMinutes: number;
	/** Slots chosen while waiting, booked for the person the moment their turn comes. */
	choice: StandingChoice | null;
	/**
	 * The attempt made for the person at their admission from their choice; `pending` until the
	 * booking worker has decided it (then the place is booked, or the admission is re-armed for
	 * a choice by hand and booking.result tells why); `sequence` is the admission's number.
	 */
	autoAttempt: { attemptId: string; pending: boolean; sequence: number } | null;
}

/** A room's news, published on every change; a live stream turns it into each person's view. */
export interface RoomTick {
	phase: 'pre' | 'drawing' | 'open';
	serving: number;
	lastTicket: number;
	soldOut: boolean;
	paused: boolean;
	measuredRate: number | null;
	at: number;
}

/**
 * Whether a tick may have changed the person's own place, so their view must be read again:
 * the opening for an early arrival, the end of the draw, or their number coming up. Every
 * other tick only moves counters (see advanceView), which costs the room nothing per person.
 */
export function tickNeedsRead(view: RoomView, tick: RoomTick): boolean {
	switch (view.place) {
		case 'pre_queue':
		case 'drawing':
			// Only a finished draw gives the person a number worth reading.
			return tick.phase === 'open';
		case 'waiting':
			return view.ticket === null || tick.serving >= view.ticket;
		default:
			return false;
	}
}

/**
 * A waiting person's view after a tick, without asking Redis: only the counters moved. Null
 * when the tick may have changed the person's own state (their number was reached, or the
 * room opened), which needs a fresh read.
 */
export function advanceView(
	view: RoomView,
	tick: RoomTick,
	budgetPerSecond: number
): RoomView | null {
	if (view.place === 'pre_queue' && tick.phase === 'drawing') {
		return { ...view, place: 'drawing', serverNow: tick.at };
	}
	if (view.place !== 'waiting' || view.ticket === null) return null;
	if (tick.serving >= view.ticket) return null;
	const ahead = peopleAhead(view.ticket, tick.serving);
	const waiting = Math.max(0, tick.lastTicket - tick.serving);
	const rate = tick.paused || tick.soldOut ? null : tick.measuredRate;
	return {
		...view,
		serverNow: tick.at,
		serving: tick.serving,
		ahead,
		waiting,
		soldOut: tick.soldOut,
		paused: tick.paused,
		measuredRate: tick.measuredRate,
		estimatedWaitSeconds: estimatedWaitSeconds(ahead, rate, tick.soldOut),
		pollAfterMs: pollIntervalMs({ ahead, ratePerSecond: rate, waiting, budgetPerSecond })
	};
}
