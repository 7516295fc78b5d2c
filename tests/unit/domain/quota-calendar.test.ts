import { describe, expect, it } from 'vitest';
import {
	calendarDays,
	isMonth,
	monthOf,
	monthRange,
	monthWeeks,
	shiftMonth,
	type CalendarSlot
} from '../../../src/lib/domain/quota-calendar';

describe('quota calendar months', () => {
	it('accepts only YYYY-MM months', () => {
		expect(isMonth('2026-12')).toBe(true);
		expect(isMonth('2026-13')).toBe(false);
		expect(isMonth('2026-1')).toBe(false);
		expect(isMonth('2026-12-01')).toBe(false);
		expect(monthOf('2026-12-03')).toBe('2026-12');
	});

	it('steps across years both ways', () => {
		expect(shiftMonth('2026-12', 1)).toBe('2027-01');
		expect(shiftMonth('2027-01', -1)).toBe('2026-12');
		expect(shiftMonth('2026-03', -14)).toBe('2025-01');
	});

	it('knows the last day, leap years included', () => {
		expect(monthRange('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
		expect(monthRange('2026-02').last).toBe('2026-02-28');
		expect(monthRange('2026-12').last).toBe('2026-12-31');
	});

	it('lays a month out in weeks from Monday, blanks outside the month', () => {
		// 1 December 2026 is a Tuesday; the 31st a Thursday.
		const weeks = monthWeeks('2026-12');
		expect(weeks).toHaveLength(5);
		expect(weeks[0]).toEqual([
			null,
			'2026-12-01',
			'2026-12-02',
			'2026-12-03',
			'2026-12-04',
			'2026-12-05',
			'2026-12-06'
		]);
		expect(weeks[4]).toEqual([
			'2026-12-28',
			'2026-12-29',
			'2026-12-30',
			'2026-12-31',
			null,
			null,
			null
		]);
		// February 2027 starts on a Monday and fills exactly four weeks.
		expect(monthWeeks('2027-02')).toHaveLength(4);
	});
});

describe('quota calendar days', () => {
	const slot = (over: Partial<CalendarSlot>): CalendarSlot => ({
		date: '2026-12-03',
		startTime: '08:00',
		endTime: '09:00',
		passportType: 'elektronik',
		service: 'reguler',
		capacity: 10,
		paid: 0,
		held: 0,
		free: 10,
		...over
	});

	it('sums a day in total and per passport type and service', () => {
		const days = calendarDays([
			slot({ paid: 2, held: 1, free: 7 }),
			slot({ startTime: '09:00', endTime: '10:00', paid: 1, free: 9 }),
			slot({ passportType: 'biasa', capacity: 5, held: 2, free: 3 }),
			slot({ date: '2026-12-04', service: 'percepatan', capacity: 4, free: 4 })
		]);
		expect([...days.keys()]).toEqual(['2026-12-03', '2026-12-04']);
		const third = days.get('2026-12-03')!;
		expect(third.total).toEqual({ capacity: 25, paid: 3, held: 3, free: 19 });
		expect(third.kinds).toEqual([
			{ passportType: 'elektronik', service: 'reguler', capacity: 20, paid: 3, held: 1, free: 16 },
			{ passportType: 'biasa', service: 'reguler', capacity: 5, paid: 0, held: 2, free: 3 }
		]);
		expect(third.slots).toHaveLength(3);
		expect(days.get('2026-12-04')!.kinds).toEqual([
			{ passportType: 'elektronik', service: 'percepatan', capacity: 4, paid: 0, held: 0, free: 4 }
		]);
	});
});
