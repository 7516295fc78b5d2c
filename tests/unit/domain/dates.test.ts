import { describe, it, expect } from 'vitest';
import { ageInYears, daysInMonth, isIsoDate, isLeapYear } from '../../../src/lib/domain/dates';

describe('isIsoDate', () => {
	it('accepts real calendar dates', () => {
		expect(isIsoDate('1990-05-17')).toBe(true);
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2000-02-29')).toBe(true);
		expect(isIsoDate('1999-12-31')).toBe(true);
	});

	it('rejects impossible dates', () => {
		expect(isIsoDate('2023-02-29')).toBe(false);
		expect(isIsoDate('1900-02-29')).toBe(false);
		expect(isIsoDate('2024-04-31')).toBe(false);
		expect(isIsoDate('2024-13-01')).toBe(false);
		expect(isIsoDate('2024-00-10')).toBe(false);
		expect(isIsoDate('2024-01-00')).toBe(false);
		expect(isIsoDate('2024-01-32')).toBe(false);
	});

	it('rejects other shapes', () => {
		expect(isIsoDate('')).toBe(false);
		expect(isIsoDate('1990-5-17')).toBe(false);
		expect(isIsoDate('17-05-1990')).toBe(false);
		expect(isIsoDate('1990-05-17T00:00:00Z')).toBe(false);
		expect(isIsoDate(' 1990-05-17')).toBe(false);
	});
});

describe('isLeapYear / daysInMonth', () => {
	it('follows the Gregorian rules', () => {
		expect(isLeapYear(2024)).toBe(true);
		expect(isLeapYear(2023)).toBe(false);
		expect(isLeapYear(1900)).toBe(false);
		expect(isLeapYear(2000)).toBe(true);
		expect(daysInMonth(2023, 2)).toBe(28);
		expect(daysInMonth(2024, 2)).toBe(29);
		expect(daysInMonth(2024, 4)).toBe(30);
		expect(daysInMonth(2024, 12)).toBe(31);
	});
});

describe('ageInYears', () => {
	it('counts a birthday that is today', () => {
		expect(ageInYears('1990-05-17', '2025-05-17')).toBe(35);
	});

	it('does not count a birthday that is tomorrow', () => {
		expect(ageInYears('1990-05-17', '2025-05-16')).toBe(34);
	});

	it('counts a birthday that was yesterday', () => {
		expect(ageInYears('1990-05-17', '2025-05-18')).toBe(35);
	});

	it('handles earlier and later months', () => {
		expect(ageInYears('1990-05-17', '2025-04-30')).toBe(34);
		expect(ageInYears('1990-05-17', '2025-06-01')).toBe(35);
	});

	it('makes 29 Feb births a year older on 1 Mar in common years', () => {
		expect(ageInYears('2008-02-29', '2025-02-28')).toBe(16);
		expect(ageInYears('2008-02-29', '2025-03-01')).toBe(17);
	});

	it('makes 29 Feb births a year older on 29 Feb in leap years', () => {
		expect(ageInYears('2008-02-29', '2024-02-28')).toBe(15);
		expect(ageInYears('2008-02-29', '2024-02-29')).toBe(16);
	});

	it('is 0 on the day of birth and negative before it', () => {
		expect(ageInYears('2025-01-10', '2025-01-10')).toBe(0);
		expect(ageInYears('2025-01-10', '2024-01-10')).toBe(-1);
	});

	it('throws on malformed dates', () => {
		expect(() => ageInYears('2023-02-29', '2025-01-01')).toThrow(RangeError);
		expect(() => ageInYears('1990-05-17', 'today')).toThrow(RangeError);
	});
});
