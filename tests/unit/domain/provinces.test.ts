import { describe, it, expect } from 'vitest';
import { PROVINCES, isProvinceCode, provinceName } from '../../../src/lib/domain/provinces';

describe('PROVINCES', () => {
	it('lists all 38 provinces with unique two-digit codes', () => {
		expect(PROVINCES).toHaveLength(38);
		expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(38);
		expect(PROVINCES.every((p) => /^\d{2}$/.test(p.code))).toBe(true);
	});

	it('includes the provinces created by the 2022 Papua split', () => {
		expect(PROVINCES.filter((p) => p.code.startsWith('9')).map((p) => p.code)).toEqual([
			'91',
			'92',
			'93',
			'94',
			'95',
			'96'
		]);
	});
});

describe('isProvinceCode', () => {
	it('accepts real codes', () => {
		expect(isProvinceCode('11')).toBe(true);
		expect(isProvinceCode('21')).toBe(true);
		expect(isProvinceCode('31')).toBe(true);
		expect(isProvinceCode('96')).toBe(true);
	});

	it('keeps pre-split Papua codes valid', () => {
		expect(isProvinceCode('91')).toBe(true);
		expect(isProvinceCode('92')).toBe(true);
	});

	it('rejects codes that are not provinces', () => {
		expect(isProvinceCode('20')).toBe(false);
		expect(isProvinceCode('22')).toBe(false);
		expect(isProvinceCode('99')).toBe(false);
		expect(isProvinceCode('00')).toBe(false);
		expect(isProvinceCode('1')).toBe(false);
		expect(isProvinceCode('311')).toBe(false);
		expect(isProvinceCode('')).toBe(false);
	});
});

describe('provinceName', () => {
	it('names known codes', () => {
		expect(provinceName('19')).toBe('Kepulauan Bangka Belitung');
		expect(provinceName('21')).toBe('Kepulauan Riau');
		expect(provinceName('31')).toBe('DKI Jakarta');
		expect(provinceName('34')).toBe('DI Yogyakarta');
		expect(provinceName('95')).toBe('Papua Pegunungan');
	});

	it('returns undefined for unknown codes', () => {
		expect(provinceName('20')).toBeUndefined();
		expect(provinceName('99')).toBeUndefined();
	});
});
