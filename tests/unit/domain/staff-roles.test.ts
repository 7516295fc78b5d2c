import { describe, expect, it } from 'vitest';
import {
	acceptInviteSchema,
	createOfficeSchema,
	inviteExpiry,
	inviteInputSchema,
	inviteState,
	isOfficeRole,
	managesOffice
} from '../../../src/lib/domain/staff-roles';

const at = new Date('2026-11-25T08:00:00Z');

describe('roles', () => {
	it('put staff and office admins in an office, and only office admins in charge of it', () => {
		expect(['applicant', 'staff', 'office_admin', 'admin'].filter(isOfficeRole)).toEqual([
			'staff',
			'office_admin'
		]);
		expect(['applicant', 'staff', 'office_admin', 'admin'].filter(managesOffice)).toEqual([
			'office_admin'
		]);
	});
});

describe('invite state', () => {
	const fresh = { acceptedAt: null, revokedAt: null, expiresAt: inviteExpiry(at) };

	it('expires 72 hours after it is sent', () => {
		expect(inviteExpiry(at).toISOString()).toBe('2026-11-28T08:00:00.000Z');
		expect(inviteState(fresh, new Date(at.getTime() + 71 * 3_600_000))).toBe('pending');
		expect(inviteState(fresh, inviteExpiry(at))).toBe('expired');
	});

	it('reports use before revocation before expiry', () => {
		const later = new Date(at.getTime() + 100 * 3_600_000);
		expect(inviteState({ ...fresh, acceptedAt: at, revokedAt: at }, later)).toBe('accepted');
		expect(inviteState({ ...fresh, revokedAt: at }, later)).toBe('revoked');
	});
});

describe('invite input', () => {
	it('takes an office role only, never admin or applicant', () => {
		expect(inviteInputSchema.parse({ email: ' Ani@Kanim.go.id ', role: 'staff' })).toEqual({
			email: 'ani@kanim.go.id',
			role: 'staff'
		});
		for (const role of ['admin', 'applicant', '']) {
			const result = inviteInputSchema.safeParse({ email: 'ani@kanim.go.id', role });
			expect(result.error?.issues[0]?.message).toBe('invite_role_invalid');
		}
	});

	it('accepts only a well-formed token and a valid password, name and phone', () => {
		const token = 'a'.repeat(43);
		const ok = acceptInviteSchema.safeParse({
			token,
			fullName: 'Made Wirawan',
			phone: '0812 3456 7890',
			password: 'kopi-susu-gula-aren'
		});
		expect(ok.success).toBe(true);
		const bad = acceptInviteSchema.safeParse({
			token: 'abc',
			fullName: '',
			phone: '123',
			password: 'short'
		});
		expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({
			token: 'invite_invalid',
			fullName: 'required',
			phone: 'phone_invalid',
			password: 'password_too_short'
		});
	});
});

describe('office settings', () => {
	const office = {
		code: 'dps-2',
		name: 'Kantor Imigrasi Denpasar',
		city: 'Denpasar',
		provinceCode: '51',
		timeZone: 'Asia/Makassar',
		passportTypes: ['elektronik', 'elektronik'],
		services: ['reguler', 'percepatan']
	};

	it('upper-cases the code and drops repeated choices', () => {
		expect(createOfficeSchema.parse(office)).toMatchObject({
			code: 'DPS-2',
			passportTypes: ['elektronik'],
			services: ['reguler', 'percepatan'],
			address: ''
		});
	});

	it('refuses a foreign zone, an unknown province and an office that offers nothing', () => {
		const result = createOfficeSchema.safeParse({
			...office,
			timeZone: 'Asia/Singapore',
			provinceCode: '99',
			passportTypes: [],
			services: ['kilat']
		});
		expect(Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({
			timeZone: 'time_zone_invalid',
			provinceCode: 'province_invalid',
			passportTypes: 'office_passport_types_required',
			services: 'office_services_invalid'
		});
	});
});
