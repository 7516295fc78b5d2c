import { describe, expect, it } from 'vitest';
import {
	datesFromTo,
	daysBetween,
	isClockTime,
	isoWeekday,
	minutesOfDay,
	officeInstant,
	officeLocalDate,
	officeLocalTime,
	zoneLabel
} from '../../../src/lib/domain/office-time';

describe('office-local dates and times', () => {
	// 2026-11-30 16:30 UTC is 23:30 WIB, 00:30 WITA and 01:30 WIT the next day.
	const instant = new Date('2026-11-30T16:30:00Z');

	it('reads the date and clock time of an instant in each office zone', () => {
		expect(officeLocalDate(instant, 'Asia/Jakarta')).toBe('2026-11-30');
		expect(officeLocalDate(instant, 'Asia/Makassar')).toBe('2026-12-01');
		expect(officeLocalDate(instant, 'Asia/Jayapura')).toBe('2026-12-01');
		expect(officeLocalTime(instant, 'Asia/Jakarta')).toBe('23:30');
		expect(officeLocalTime(instant, 'Asia/Jayapura')).toBe('01:30');
	});

	it('turns an office-local date and clock time into the instant it strikes', () => {
		expect(officeInstant('2026-12-01', '08:00', 'Asia/Jakarta').toISOString()).toBe(
			'2026-12-01T01:00:00.000Z'
		);
		expect(officeInstant('2026-12-01', '08:00', 'Asia/Makassar').toISOString()).toBe(
			'2026-12-01T00:00:00.000Z'
		);
		expect(officeInstant('2026-12-01', '08:00', 'Asia/Jayapura').toISOString()).toBe(
			'2026-11-30T23:00:00.000Z'
		);
	});

	it('round-trips instants through office-local time', () => {
		for (const zone of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']) {
			const at = officeInstant('2027-01-31', '23:45', zone);
			expect(officeLocalDate(at, zone)).toBe('2027-01-31');
			expect(officeLocalTime(at, zone)).toBe('23:45');
		}
	});

	it('refuses malformed dates and clock times', () => {
		expect(() => officeInstant('2026-02-30', '08:00', 'Asia/Jakarta')).toThrow(RangeError);
		expect(() => officeInstant('2026-02-01', '24:00', 'Asia/Jakarta')).toThrow(RangeError);
		expect(isClockTime('07:30')).toBe(true);
		expect(isClockTime('7:30')).toBe(false);
		expect(minutesOfDay('13:15')).toBe(795);
	});

	it('knows weekdays and ranges of calendar dates', () => {
		expect(isoWeekday('2026-11-30')).toBe(1);
		expect(isoWeekday('2026-12-06')).toBe(7);
		expect(datesFromTo('2026-12-30', '2027-01-02')).toEqual([
			'2026-12-30',
			'2026-12-31',
			'2027-01-01',
			'2027-01-02'
		]);
		expect(datesFromTo('2026-12-02', '2026-12-01')).toEqual([]);
		expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
	});
});

describe('zoneLabel', () => {
	it('names the three zones as Indonesians do', () => {
		expect(zoneLabel('Asia/Jakarta')).toBe('WIB');
		expect(zoneLabel('Asia/Makassar')).toBe('WITA');
		expect(zoneLabel('Asia/Jayapura')).toBe('WIT');
	});
});
