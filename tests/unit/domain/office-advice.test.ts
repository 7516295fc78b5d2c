import { describe, expect, it } from 'vitest';
import {
	barHeights,
	minutesBetween,
	officeAdvice,
	type ReleaseSpeed
} from '../../../src/lib/domain/office-advice';

const release = (minutesToSellOut: number | null): ReleaseSpeed => ({
	releaseId: 'r1',
	label: 'Kuota Oktober',
	opensAt: Date.UTC(2026, 9, 1, 1),
	capacity: 40,
	minutesToSellOut
});

describe('officeAdvice', () => {
	it('tells to be in the room before opening when the last release went within the hour', () => {
		expect(officeAdvice({ releases: [release(12)], waitingNow: null, days: [] })).toEqual([
			{ kind: 'sold_out_fast', minutes: 12 },
			{ kind: 'no_free_days' }
		]);
	});

	it('speaks of hours when the last release took longer', () => {
		expect(officeAdvice({ releases: [release(150)], waitingNow: null, days: [] })[0]).toEqual({
			kind: 'sold_out_slow',
			hours: 3
		});
	});

	it('judges by the newest release only', () => {
		const lines = officeAdvice({ releases: [release(null), release(5)], waitingNow: 0, days: [] });
		expect(lines[0]).toEqual({ kind: 'not_sold_out' });
	});

	it('puts a busy waiting room first and counts only days with free seats', () => {
		const lines = officeAdvice({
			releases: [release(30)],
			waitingNow: 214,
			days: [
				{ date: '2026-11-26', free: 3 },
				{ date: '2026-11-27', free: 0 },
				{ date: '2026-11-30', free: 8 }
			]
		});
		expect(lines).toEqual([
			{ kind: 'queue_now', waiting: 214 },
			{ kind: 'sold_out_fast', minutes: 30 },
			{ kind: 'free_days', days: 2 }
		]);
	});

	it('says there is nothing to go on for an office without releases', () => {
		expect(officeAdvice({ releases: [], waitingNow: null, days: [] })).toEqual([
			{ kind: 'no_data' }
		]);
	});
});

describe('minutesBetween and barHeights', () => {
	it('rounds to whole minutes and never goes negative', () => {
		expect(minutesBetween(0, 12 * 60_000 + 20_000)).toBe(12);
		expect(minutesBetween(60_000, 0)).toBe(0);
	});

	it('scales bars to the fullest day', () => {
		expect(
			barHeights(
				[
					{ date: 'a', free: 10 },
					{ date: 'b', free: 5 },
					{ date: 'c', free: 0 }
				],
				80
			)
		).toEqual([80, 40, 0]);
		expect(barHeights([{ date: 'a', free: 0 }], 80)).toEqual([0]);
	});
});
