import { describe, it, expect } from 'vitest';
import { checkNik, normalizeNik, parseNik } from '../../../src/lib/domain/nik';

// Man born 1990-05-17, Jakarta Selatan.
const MAN = '3174051705900001';
const MAN_PERSON = { birthDate: '1990-05-17', sex: 'M' } as const;
// Woman born 1985-12-03, Kota Bandung (day 03 + 40 = 43).
const WOMAN = '3273014312850002';
const WOMAN_PERSON = { birthDate: '1985-12-03', sex: 'F' } as const;

describe('normalizeNik', () => {
	it('strips spaces, dots and dashes', () => {
		expect(normalizeNik('3174 0517 0590 0001')).toBe(MAN);
		expect(normalizeNik('31.74.05.170590.0001')).toBe(MAN);
		expect(normalizeNik('3174-0517-0590-0001')).toBe(MAN);
		expect(normalizeNik(' 3174051705900001\t')).toBe(MAN);
	});

	it('leaves other characters for validation to reject', () => {
		expect(normalizeNik('3174O51705900001')).toBe('3174O51705900001');
	});
});

describe('parseNik', () => {
	it('parses a man', () => {
		expect(parseNik(MAN)).toEqual({
			provinceCode: '31',
			regencyCode: '74',
			districtCode: '05',
			sex: 'M',
			day: 17,
			month: 5,
			yearTwoDigits: 90,
			serial: '0001'
		});
	});

	it('parses a woman by removing the 40 day offset', () => {
		expect(parseNik(WOMAN)).toEqual({
			provinceCode: '32',
			regencyCode: '73',
			districtCode: '01',
			sex: 'F',
			day: 3,
			month: 12,
			yearTwoDigits: 85,
			serial: '0002'
		});
	});

	it('returns null unless given exactly 16 digits', () => {
		expect(parseNik('317405170590000')).toBeNull();
		expect(parseNik('31740517059000012')).toBeNull();
		expect(parseNik('3174 0517 0590 0001')).toBeNull();
		expect(parseNik('')).toBeNull();
	});
});

describe('checkNik without a person', () => {
	it('accepts a valid male NIK', () => {
		expect(checkNik(MAN)).toEqual([]);
	});

	it('accepts a valid female NIK', () => {
		expect(checkNik(WOMAN)).toEqual([]);
	});

	it('accepts a normalized NIK but not the typed form', () => {
		expect(checkNik(normalizeNik('3174 0517 0590 0001'))).toEqual([]);
		expect(checkNik('3174 0517 0590 0001')).toEqual(['nik_format']);
	});

	it('reports only a format error for the wrong length', () => {
		expect(checkNik('317405170590000')).toEqual(['nik_format']);
		expect(checkNik('31740517059000012')).toEqual(['nik_format']);
		expect(checkNik('')).toEqual(['nik_format']);
	});

	it('reports only a format error for letters', () => {
		expect(checkNik('3174O51705900001')).toEqual(['nik_format']);
		expect(checkNik('99740517059000AB')).toEqual(['nik_format']);
	});

	it('reports unknown provinces', () => {
		expect(checkNik('2074051705900001')).toEqual(['nik_province']);
		expect(checkNik('9974051705900001')).toEqual(['nik_province']);
	});

	it('accepts pre-2022 Papua codes', () => {
		expect(checkNik('9171011705900001')).toEqual([]);
		expect(checkNik('9202011705900001')).toEqual([]);
	});

	it('reports impossible days', () => {
		expect(checkNik('3174050005900001')).toEqual(['nik_date']);
		expect(checkNik('3174053205900001')).toEqual(['nik_date']);
		expect(checkNik('3174054005900001')).toEqual(['nik_date']);
		expect(checkNik('3174057205900001')).toEqual(['nik_date']);
	});

	it('accepts the edge days 31 and 71 in long months', () => {
		expect(checkNik('3174053101900001')).toEqual([]);
		expect(checkNik('3174057101900001')).toEqual([]);
		expect(checkNik('3174054101900001')).toEqual([]);
	});

	it('reports impossible months', () => {
		expect(checkNik('3174051700900001')).toEqual(['nik_date']);
		expect(checkNik('3174051713900001')).toEqual(['nik_date']);
	});

	it('reports days beyond the length of the month', () => {
		expect(checkNik('3174053102900001')).toEqual(['nik_date']);
		expect(checkNik('3174053104900001')).toEqual(['nik_date']);
		expect(checkNik('3174057104900001')).toEqual(['nik_date']);
	});

	it('allows 29 Feb only in years that are leap in both centuries', () => {
		expect(checkNik('3174052902960001')).toEqual([]);
		expect(checkNik('3174052902000001')).toEqual([]);
		expect(checkNik('3174052902010001')).toEqual(['nik_date']);
		expect(checkNik('3174056902010001')).toEqual(['nik_date']);
	});

	it('reports serial 0000', () => {
		expect(checkNik('3174051705900000')).toEqual(['nik_serial']);
	});

	it('reports several structural errors together', () => {
		expect(checkNik('9974053205900000')).toEqual(['nik_province', 'nik_date', 'nik_serial']);
	});
});

describe('checkNik with a person', () => {
	it('accepts a man whose data matches', () => {
		expect(checkNik(MAN, MAN_PERSON)).toEqual([]);
	});

	it('accepts a woman whose data matches', () => {
		expect(checkNik(WOMAN, WOMAN_PERSON)).toEqual([]);
	});

	it('reports 31 Feb as an impossible date', () => {
		expect(checkNik('3174053102900001', { birthDate: '1990-02-28', sex: 'M' })).toEqual([
			'nik_date'
		]);
	});

	it('accepts 29 Feb for someone born on a leap day', () => {
		expect(checkNik('3174056902000001', { birthDate: '2000-02-29', sex: 'F' })).toEqual([]);
	});

	it('reports a different birth day', () => {
		expect(checkNik(MAN, { birthDate: '1990-05-18', sex: 'M' })).toEqual([
			'nik_birth_date_mismatch'
		]);
	});

	it('reports a different birth month', () => {
		expect(checkNik(MAN, { birthDate: '1990-06-17', sex: 'M' })).toEqual([
			'nik_birth_date_mismatch'
		]);
	});

	it('reports a different birth year, including another century', () => {
		expect(checkNik(MAN, { birthDate: '1991-05-17', sex: 'M' })).toEqual([
			'nik_birth_date_mismatch'
		]);
		expect(checkNik(MAN, { birthDate: '2090-05-17', sex: 'M' })).toEqual([]);
	});

	it("reports a man's NIK given with sex F", () => {
		expect(checkNik(MAN, { birthDate: '1990-05-17', sex: 'F' })).toEqual(['nik_sex_mismatch']);
	});

	it("reports a woman's NIK given with sex M", () => {
		expect(checkNik(WOMAN, { birthDate: '1985-12-03', sex: 'M' })).toEqual(['nik_sex_mismatch']);
	});

	it('reports both mismatches together', () => {
		expect(checkNik(WOMAN, { birthDate: '1985-12-04', sex: 'M' })).toEqual([
			'nik_birth_date_mismatch',
			'nik_sex_mismatch'
		]);
	});

	it('keeps structural errors alongside mismatches', () => {
		expect(checkNik('9974051705900000', { birthDate: '1990-05-18', sex: 'F' })).toEqual([
			'nik_province',
			'nik_serial',
			'nik_birth_date_mismatch',
			'nik_sex_mismatch'
		]);
	});

	it('skips mismatch checks when the NIK date itself is impossible', () => {
		expect(checkNik('3174057205900001', { birthDate: '1990-05-17', sex: 'M' })).toEqual([
			'nik_date'
		]);
	});

	it('leaves an invalid birth date to its own field but still checks sex', () => {
		expect(checkNik(MAN, { birthDate: '1990-02-30', sex: 'M' })).toEqual([]);
		expect(checkNik(MAN, { birthDate: 'unknown', sex: 'F' })).toEqual(['nik_sex_mismatch']);
	});

	it('still reports only a format error for the wrong length', () => {
		expect(checkNik('317405170590000', MAN_PERSON)).toEqual(['nik_format']);
	});
});
