import { describe, expect, it } from 'vitest';
import { dayState, type DayContext } from '../../../src/lib/domain/booking-calendar';

const base: DayContext = {
	date: '2026-12-02',
	today: '2026-11-30',
	officeOffersKind: true,
	releaseOpensAt: new Date('2026-11-28T02:00:00Z'),
	now: new Date('2026-11-30T03:00:00Z'),
	seats: { capacity: 40, booked: 10, anySlots: true }
};

describe('dayState', () => {
	it('says available while seats are free after the opening', () => {
		expect(dayState(base)).toBe('available');
	});

	it('says full when every seat of this kind is taken', () => {
		expect(dayState({ ...base, seats: { capacity: 40, booked: 40, anySlots: true } })).toBe('full');
	});

	it('says not open before the release opens, even with free seats', () => {
		expect(dayState({ ...base, now: new Date('2026-11-28T01:59:00Z') })).toBe('not_open');
	});

	it('says not offered when the office or the day has no seats of this kind', () => {
		expect(dayState({ ...base, officeOffersKind: false })).toBe('not_offered');
		expect(dayState({ ...base, seats: { capacity: 0, booked: 0, anySlots: true } })).toBe(
			'not_offered'
		);
	});

	it('says past for days before the office-local today', () => {
		expect(dayState({ ...base, date: '2026-11-29' })).toBe('past');
	});
});
