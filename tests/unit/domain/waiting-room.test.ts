import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	admissionTokenPayloadSchema,
	advanceView,
	countInversions,
	estimatedWaitSeconds,
	isTokenLive,
	measuredRate,
	MAX_POLL_MS,
	MIN_POLL_MS,
	peopleAhead,
	pollIntervalMs,
	shuffle,
	tickNeedsRead,
	type RoomTick,
	type RoomView,
	waitingInRoom
} from '../../../src/lib/domain/waiting-room';

describe('shuffle', () => {
	it('returns a permutation of its input and leaves the input alone', () => {
		const input = Array.from({ length: 100 }, (_, index) => index);
		const shuffled = shuffle(input, (n) => randomInt(n));
		expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
		expect(input[0]).toBe(0);
	});

	it('puts every item in every position about equally often', () => {
		const size = 4;
		const runs = 24_000;
		const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0));
		for (let run = 0; run < runs; run++) {
			shuffle([0, 1, 2, 3], (n) => randomInt(n)).forEach((item, position) => {
				counts[item]![position]!++;
			});
		}
		for (const row of counts)
			for (const count of row) expect(Math.abs(count - runs / size)).toBeLessThan(400);
	});
});

describe('positions and estimates', () => {
	it('counts the people ahead from ticket and now-serving numbers', () => {
		expect(peopleAhead(10, 3)).toBe(6);
		expect(peopleAhead(4, 3)).toBe(0);
		expect(peopleAhead(2, 3)).toBe(0);
	});

	it('measures the admission rate only with enough history', () => {
		expect(measuredRate([])).toBeNull();
		expect(
			measuredRate([
				{ at: 0, admitted: 0 },
				{ at: 1_000, admitted: 10 }
			])
		).toBeNull();
		expect(
			measuredRate([
				{ at: 0, admitted: 0 },
				{ at: 2_000, admitted: 30 },
				{ at: 4_000, admitted: 40 }
			])
		).toBe(10);
	});

	it('estimates the wait from the measured rate, or says it is unknown', () => {
		expect(estimatedWaitSeconds(100, 10)).toBe(10);
		expect(estimatedWaitSeconds(101, 10)).toBe(11);
		expect(estimatedWaitSeconds(100, null)).toBeNull();
		expect(estimatedWaitSeconds(100, 0)).toBeNull();
		expect(estimatedWaitSeconds(0, null)).toBe(0);
	});

	it('promises no wait once the quota is sold out, not even to the first in line', () => {
		expect(estimatedWaitSeconds(100, 10, true)).toBeNull();
		expect(estimatedWaitSeconds(0, 10, true)).toBeNull();
		expect(estimatedWaitSeconds(0, 10, false)).toBe(0);
	});
});

describe('pollIntervalMs', () => {
	it('polls often near the front and rarely far back, within bounds', () => {
		const near = pollIntervalMs({
			ahead: 5,
			ratePerSecond: 10,
			waiting: 5_000,
			budgetPerSecond: 500
		});
		const far = pollIntervalMs({
			ahead: 5_000,
			ratePerSecond: 10,
			waiting: 5_000,
			budgetPerSecond: 500
		});
		expect(near).toBe(MIN_POLL_MS);
		expect(far).toBe(MAX_POLL_MS);
	});

	it('keeps everyone not near their turn within the status budget', () => {
		// 200 ahead at 10/s is 20 s away: a quarter would be 5 s, the budget asks for 10 s.
		expect(
			pollIntervalMs({ ahead: 200, ratePerSecond: 10, waiting: 5_000, budgetPerSecond: 500 })
		).toBe(10_000);
		// 50 ahead is 5 s away: near the turn, so 1.25 s, raised to the minimum.
		expect(
			pollIntervalMs({ ahead: 50, ratePerSecond: 10, waiting: 5_000, budgetPerSecond: 500 })
		).toBe(MIN_POLL_MS);
		expect(
			pollIntervalMs({ ahead: 5, ratePerSecond: null, waiting: 5_000, budgetPerSecond: 500 })
		).toBe(10_000);
	});

	it('asks again just after the opening', () => {
		expect(
			pollIntervalMs({
				ahead: 0,
				ratePerSecond: null,
				waiting: 10,
				budgetPerSecond: 500,
				untilOpenMs: 4_000,
				jitter: 0
			})
		).toBe(5_000);
	});
});

describe('countInversions', () => {
	it('counts pairs served out of arrival order', () => {
		expect(countInversions([0, 1, 2, 3])).toBe(0);
		expect(countInversions([1, 0, 2, 3])).toBe(1);
		expect(countInversions([3, 2, 1, 0])).toBe(6);
		expect(countInversions([])).toBe(0);
	});

	it('agrees with counting every pair', () => {
		const values = Array.from({ length: 300 }, () => randomInt(1_000));
		let slow = 0;
		for (let i = 0; i < values.length; i++)
			for (let j = i + 1; j < values.length; j++) if (values[i]! > values[j]!) slow++;
		expect(countInversions(values)).toBe(slow);
	});
});

describe('admission token payload', () => {
	const payload = {
		v: 1,
		jti: 'b1f0c5d2a3e4f5a6b7c8',
		sub: crypto.randomUUID(),
		rel: crypto.randomUUID(),
		off: crypto.randomUUID(),
		iat: 1_000,
		exp: 601_000
	};

	it('has a fixed shape and an expiry', () => {
		expect(admissionTokenPayloadSchema.safeParse(payload).success).toBe(true);
		expect(admissionTokenPayloadSchema.safeParse({ ...payload, v: 2 }).success).toBe(false);
		expect(admissionTokenPayloadSchema.safeParse({ ...payload, sub: 'me' }).success).toBe(false);
		expect(isTokenLive(payload, 600_999)).toBe(true);
		expect(isTokenLive(payload, 601_000)).toBe(false);
	});
});

describe('live views', () => {
	const view: RoomView = {
		releaseId: crypto.randomUUID(),
		place: 'waiting',
		goneReason: null,
		opensAt: 0,
		serverNow: 0,
		ticket: 50,
		serving: 10,
		ahead: 39,
		waiting: 100,
		estimatedWaitSeconds: null,
		measuredRate: null,
		soldOut: false,
		paused: false,
		admission: null,
		pollAfterMs: 5_000,
		applicationIds: [],
		graceMinutes: 15,
		choice: null,
		autoAttempt: null
	};
	const tick: RoomTick = {
		phase: 'open',
		serving: 30,
		lastTicket: 120,
		soldOut: false,
		paused: false,
		measuredRate: 10,
		at: 1_000
	};

	it('advance a waiting view from the counters alone', () => {
		expect(tickNeedsRead(view, tick)).toBe(false);
		expect(advanceView(view, tick, 500)).toMatchObject({
			ahead: 19,
			waiting: 90,
			estimatedWaitSeconds: 2,
			serverNow: 1_000
		});
	});

	it('ask for a fresh read only when the person’s own place may have changed', () => {
		expect(tickNeedsRead(view, { ...tick, serving: 50 })).toBe(true);
		expect(tickNeedsRead({ ...view, place: 'pre_queue' }, { ...tick, phase: 'pre' })).toBe(false);
		// The draw starting is shown from the tick itself; only its result needs a read.
		expect(tickNeedsRead({ ...view, place: 'pre_queue' }, { ...tick, phase: 'drawing' })).toBe(
			false
		);
		expect(
			advanceView({ ...view, place: 'pre_queue' }, { ...tick, phase: 'drawing' }, 500)?.place
		).toBe('drawing');
		expect(tickNeedsRead({ ...view, place: 'drawing' }, { ...tick, phase: 'open' })).toBe(true);
		expect(tickNeedsRead({ ...view, place: 'drawing' }, { ...tick, phase: 'drawing' })).toBe(false);
		expect(tickNeedsRead({ ...view, place: 'admitted' }, tick)).toBe(false);
	});

	it('give no estimate while the room is paused or sold out', () => {
		expect(advanceView(view, { ...tick, paused: true }, 500)?.estimatedWaitSeconds).toBeNull();
		expect(advanceView(view, { ...tick, soldOut: true }, 500)?.soldOut).toBe(true);
		// Next in line: a wait of nothing, unless nobody is being called at all.
		const next = { ...tick, serving: 49 };
		expect(advanceView(view, next, 500)?.estimatedWaitSeconds).toBe(0);
		expect(advanceView(view, { ...next, soldOut: true }, 500)?.estimatedWaitSeconds).toBeNull();
	});
});

describe('waitingInRoom', () => {
	it('counts everyone who arrived before the opening, and the unserved tickets after it', () => {
		expect(waitingInRoom({ phase: 'pre', lastTicket: 0, serving: 0, preQueueSize: 40 })).toBe(40);
		expect(waitingInRoom({ phase: 'drawing', lastTicket: 3, serving: 0, preQueueSize: 37 })).toBe(
			40
		);
		expect(waitingInRoom({ phase: 'open', lastTicket: 120, serving: 45, preQueueSize: 0 })).toBe(
			75
		);
		expect(waitingInRoom({ phase: 'open', lastTicket: 10, serving: 12, preQueueSize: 0 })).toBe(0);
	});
});
