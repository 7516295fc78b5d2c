import { describe, expect, it } from 'vitest';
import { PASSPORT_TYPES } from '../../../src/lib/domain/application-form';
import { isIsoDate } from '../../../src/lib/domain/dates';
import {
	FEE_SCHEDULES,
	feeScheduleOn,
	formatRupiah,
	passportFee,
	type FeeSchedule
} from '../../../src/lib/domain/fees';

const TODAY = '2026-11-25';

describe('passportFee under PP 45/2024', () => {
	it('charges by type and validity', () => {
		const fee = (passportType: (typeof PASSPORT_TYPES)[number], validityYears: 5 | 10) =>
			passportFee({ passportType, validityYears, service: 'reguler' }, TODAY)?.total;
		expect(fee('biasa', 5)).toBe(350_000);
		expect(fee('biasa', 10)).toBe(650_000);
		expect(fee('elektronik', 5)).toBe(650_000);
		expect(fee('elektronik', 10)).toBe(950_000);
		// The regulation does not tell paper from polycarbonate data pages.
		expect(fee('elektronik_polikarbonat', 10)).toBe(950_000);
	});

	it('adds Rp1,000,000 for the same-day service', () => {
		expect(
			passportFee({ passportType: 'elektronik', validityYears: 10, service: 'percepatan' }, TODAY)
		).toEqual({
			base: 950_000,
			acceleration: 1_000_000,
			total: 1_950_000,
			regulation: 'PP 45/2024'
		});
	});
});

describe('fee schedules by date', () => {
	const tenYearPaper = { passportType: 'biasa', validityYears: 10, service: 'reguler' } as const;

	it('switches to PP 45/2024 on 17 December 2024, not a day earlier', () => {
		expect(passportFee(tenYearPaper, '2024-12-16')).toMatchObject({
			total: 350_000,
			regulation: 'PP 28/2019'
		});
		expect(passportFee(tenYearPaper, '2024-12-17')).toMatchObject({
			total: 650_000,
			regulation: 'PP 45/2024'
		});
	});

	it('had no 10-year passport before 12 October 2022', () => {
		expect(passportFee(tenYearPaper, '2022-10-11')).toBeNull();
		expect(passportFee({ ...tenYearPaper, validityYears: 5 }, '2022-10-11')?.total).toBe(350_000);
		expect(passportFee(tenYearPaper, '2022-10-12')?.total).toBe(350_000);
	});

	it('knows no fee before PP 28/2019 took effect', () => {
		expect(feeScheduleOn('2019-05-02')).toBeNull();
		expect(feeScheduleOn('2019-05-03')?.regulation).toBe('PP 28/2019');
		expect(passportFee({ ...tenYearPaper, validityYears: 5 }, '2019-05-02')).toBeNull();
	});

	it('gives no fee for a combination a schedule drops', () => {
		const electronicOnly: FeeSchedule = {
			regulation: 'PP 99/2030',
			effectiveFrom: '2030-01-01',
			fees: {
				passport: {
					biasa: {},
					elektronik: { 5: 700_000, 10: 1_000_000 },
					elektronik_polikarbonat: { 5: 700_000, 10: 1_000_000 }
				},
				acceleration: 1_000_000
			}
		};
		const schedules = [...FEE_SCHEDULES, electronicOnly];
		expect(passportFee(tenYearPaper, '2029-12-31', schedules)?.total).toBe(650_000);
		expect(passportFee(tenYearPaper, '2030-01-01', schedules)).toBeNull();
	});

	it('refuses a malformed date rather than guessing', () => {
		expect(() => passportFee(tenYearPaper, '17-12-2024')).toThrow(RangeError);
	});

	it('lists real dates, oldest first, with a fee for every type at 5 years', () => {
		const dates = FEE_SCHEDULES.map((schedule) => schedule.effectiveFrom);
		expect(dates.every(isIsoDate)).toBe(true);
		expect([...dates].sort()).toEqual(dates);
		for (const schedule of FEE_SCHEDULES) {
			for (const type of PASSPORT_TYPES) expect(schedule.fees.passport[type][5]).toBeGreaterThan(0);
		}
	});
});

describe('formatRupiah', () => {
	it('writes rupiah the way receipts do', () => {
		expect(formatRupiah(350_000, 'id')).toBe('Rp350.000');
		expect(formatRupiah(1_950_000, 'id')).toBe('Rp1.950.000');
		expect(formatRupiah(350_000, 'en')).toBe('Rp350,000');
		expect(formatRupiah(0, 'id')).toBe('Rp0');
	});
});
