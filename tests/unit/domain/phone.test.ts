import { describe, it, expect } from 'vitest';
import { normalizeIndonesianPhone } from '../../../src/lib/domain/phone';

describe('normalizeIndonesianPhone', () => {
	it('accepts a mobile number in national form', () => {
		expect(normalizeIndonesianPhone('0812-3456-7890')).toBe('+6281234567890');
		expect(normalizeIndonesianPhone('081234567890')).toBe('+6281234567890');
		expect(normalizeIndonesianPhone('0812.3456.7890')).toBe('+6281234567890');
	});

	it('accepts a mobile number with the country code', () => {
		expect(normalizeIndonesianPhone('+62 812 3456 7890')).toBe('+6281234567890');
		expect(normalizeIndonesianPhone('6281234567890')).toBe('+6281234567890');
		expect(normalizeIndonesianPhone('+62-812-3456-7890')).toBe('+6281234567890');
	});

	it('drops a trunk 0 typed after the country code', () => {
		expect(normalizeIndonesianPhone('+62 (0)812 3456 7890')).toBe('+6281234567890');
		expect(normalizeIndonesianPhone('62 0812 3456 7890')).toBe('+6281234567890');
	});

	it('accepts landlines', () => {
		expect(normalizeIndonesianPhone('(021) 5551234')).toBe('+62215551234');
		expect(normalizeIndonesianPhone('(021) 5551-2345')).toBe('+622155512345');
		expect(normalizeIndonesianPhone('+62 22 4231234')).toBe('+62224231234');
		expect(normalizeIndonesianPhone('0361 234567')).toBe('+62361234567');
		expect(normalizeIndonesianPhone('(0967) 53123')).toBe('+6296753123');
	});

	it('accepts the shortest and longest national numbers', () => {
		expect(normalizeIndonesianPhone('0274 51234')).toBe('+6227451234');
		expect(normalizeIndonesianPhone('0811 234 567')).toBe('+62811234567');
		expect(normalizeIndonesianPhone('0812 3456 78901')).toBe('+62812345678901');
	});

	it('rejects numbers that are too short', () => {
		expect(normalizeIndonesianPhone('0274 5123')).toBeNull();
		expect(normalizeIndonesianPhone('0812 3456 7')).toBeNull();
		expect(normalizeIndonesianPhone('0811 23456')).toBeNull();
	});

	it('rejects numbers that are too long', () => {
		expect(normalizeIndonesianPhone('0812 3456 789012')).toBeNull();
		expect(normalizeIndonesianPhone('+62 812 3456 789012')).toBeNull();
	});

	it('rejects letters', () => {
		expect(normalizeIndonesianPhone('0812-3456-789O')).toBeNull();
		expect(normalizeIndonesianPhone('0812 CALL ME')).toBeNull();
		expect(normalizeIndonesianPhone('ext 081234567890')).toBeNull();
	});

	it('rejects other country codes', () => {
		expect(normalizeIndonesianPhone('+1 555 123 4567')).toBeNull();
		expect(normalizeIndonesianPhone('+60 12 345 6789')).toBeNull();
	});

	it('rejects numbers without a 0 or country prefix', () => {
		expect(normalizeIndonesianPhone('81234567890')).toBeNull();
	});

	it('rejects national numbers starting with 0 or 1', () => {
		expect(normalizeIndonesianPhone('00812345678')).toBeNull();
		expect(normalizeIndonesianPhone('+62 00 812345678')).toBeNull();
		expect(normalizeIndonesianPhone('0112 3456 789')).toBeNull();
	});

	it('rejects misplaced plus signs and empty input', () => {
		expect(normalizeIndonesianPhone('0812+34567890')).toBeNull();
		expect(normalizeIndonesianPhone('++6281234567890')).toBeNull();
		expect(normalizeIndonesianPhone('')).toBeNull();
		expect(normalizeIndonesianPhone('   ')).toBeNull();
	});
});
