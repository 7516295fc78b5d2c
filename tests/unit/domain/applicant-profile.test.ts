import { describe, expect, it } from 'vitest';
import { applicantProfileSchema } from '../../../src/lib/domain/applicant-profile';

const schema = applicantProfileSchema(() => '2026-11-25');
const budi = {
	nik: '3174 0517 0590 0001',
	fullName: 'Budi Santoso',
	birthPlace: 'Jakarta',
	birthDate: '1990-05-17',
	sex: 'M',
	maritalStatus: 'married',
	occupation: 'Karyawan swasta',
	provinceCode: '31',
	regency: 'Jakarta Selatan',
	district: 'Kebayoran Baru',
	address: 'Jl. Melawai Raya No. 5',
	phone: '0811 222 3333',
	email: '',
	motherName: 'Sri Wahyuni',
	fatherName: 'Slamet'
};

function nikErrors(input: object): string[] {
	const result = schema.safeParse(input);
	if (result.success) return [];
	return result.error.issues.filter((i) => i.path[0] === 'nik').map((i) => i.message);
}

describe('applicantProfileSchema', () => {
	it('accepts a consistent profile and normalizes NIK, phone and empty email', () => {
		const parsed = schema.parse(budi);
		expect(parsed.nik).toBe('3174051705900001');
		expect(parsed.phone).toBe('+628112223333');
		expect(parsed.email).toBeNull();
		expect(parsed.isAccountHolder).toBe(false);
	});

	it('reports a NIK that disagrees with the birth date or the sex', () => {
		expect(nikErrors({ ...budi, birthDate: '1990-05-18' })).toEqual(['nik_birth_date_mismatch']);
		expect(nikErrors({ ...budi, sex: 'F' })).toEqual(['nik_sex_mismatch']);
		expect(nikErrors({ ...budi, sex: 'F', birthDate: '1991-05-17' })).toEqual([
			'nik_birth_date_mismatch',
			'nik_sex_mismatch'
		]);
	});

	it('reports a malformed NIK even when other fields are wrong too', () => {
		expect(nikErrors({ ...budi, nik: '12345', phone: 'x' })).toEqual(['nik_format']);
		expect(nikErrors({ ...budi, nik: '' })).toEqual(['required']);
	});

	it('accepts a woman whose NIK day has 40 added', () => {
		expect(
			nikErrors({ ...budi, nik: '3273014312850002', sex: 'F', birthDate: '1985-12-03' })
		).toEqual([]);
	});
});
