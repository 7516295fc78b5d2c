import { describe, expect, it } from 'vitest';
import { calendarDateIn, isIndonesianTimeZone } from '../../../src/lib/domain/time-zones';

describe('calendarDateIn', () => {
	// 2026-11-30 16:30 UTC is 23:30 WIB, 00:30 WITA and 01:30 WIT the next day.
	const instant = new Date('2026-11-30T16:30:00Z');

	it('reads the date in each of Indonesia’s three zones', () => {
		expect(calendarDateIn(instant, 'Asia/Jakarta')).toBe('2026-11-30');
		expect(calendarDateIn(instant, 'Asia/Makassar')).toBe('2026-12-01');
		expect(calendarDateIn(instant, 'Asia/Jayapura')).toBe('2026-12-01');
	});

	it('knows which zones are Indonesian', () => {
		expect(isIndonesianTimeZone('Asia/Makassar')).toBe(true);
		expect(isIndonesianTimeZone('Asia/Singapore')).toBe(false);
	});
});
