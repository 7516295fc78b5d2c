import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	admissionTokenPayloadSchema,
	countInversions,
	estimatedWaitSeconds,
	isTokenLive,
	measuredRate,
	MAX_POLL_MS,
	MIN_POLL_MS,
	peopleAhead,
	pollIntervalMs,
	shuffle
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
});

describe('pollIntervalMs', () => {
	it('polls often near the front and rarely far back, within bounds', () => {
		const near = pollIntervalMs({ ahead: 5, ratePerSecond: 10, waiting: 50, budgetPerSecond: 500 });
		const far = pollIntervalMs({
			ahead: 5_000,
			ratePerSecond: 10,
			waiting: 5_000,
			budgetPerSecond: 500
		});
		expect(near).toBe(MIN_POLL_MS);
		expect(far).toBe(MAX_POLL_MS);
	});

	it('keeps the whole room within the status budget', () => {
		const interval = pollIntervalMs({
			ahead: 1,
			ratePerSecond: 50,
			waiting: 5_000,
			budgetPerSecond: 500
		});
		expect(interval).toBe(10_000);
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
