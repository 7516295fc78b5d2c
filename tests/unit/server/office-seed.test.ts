import { describe, expect, it } from 'vitest';
import { isProvinceCode } from '../../../src/lib/domain/provinces';
import { INDONESIAN_TIME_ZONES } from '../../../src/lib/domain/time-zones';
import { SEED_OFFICES } from '../../../src/lib/server/offices/seed-data';

describe('seeded immigration offices', () => {
	it('number at least 30, with unique codes and valid provinces', () => {
		expect(SEED_OFFICES.length).toBeGreaterThanOrEqual(30);
		expect(new Set(SEED_OFFICES.map((office) => office.code)).size).toBe(SEED_OFFICES.length);
		for (const office of SEED_OFFICES) {
			expect(isProvinceCode(office.provinceCode), office.code).toBe(true);
			expect(office.code).toMatch(/^[A-Z0-9-]{2,20}$/);
			expect(office.name).toMatch(/^Kantor Imigrasi Kelas I/);
			expect(office.passportTypes.length).toBeGreaterThan(0);
			expect(office.services).toContain('reguler');
		}
	});

	it('cover all three time zones and put each province in its own zone', () => {
		const zones = new Set(SEED_OFFICES.map((office) => office.timeZone));
		expect(zones).toEqual(new Set(Object.values(INDONESIAN_TIME_ZONES)));
		// Provinces 11–36 and West Kalimantan (61) keep WIB; 8x and 9x keep WIT.
		for (const office of SEED_OFFICES) {
			const province = Number(office.provinceCode);
			const expected =
				province <= 36 || province === 61 || province === 62
					? 'Asia/Jakarta'
					: province >= 81
						? 'Asia/Jayapura'
						: 'Asia/Makassar';
			expect(office.timeZone, office.code).toBe(expected);
		}
		expect(new Set(SEED_OFFICES.map((office) => office.provinceCode)).size).toBeGreaterThan(25);
	});
});
