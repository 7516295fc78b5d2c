import { describe, expect, it } from 'vitest';
import { loginSchema, registerSchema } from '../../../src/lib/domain/account';

const today = () => '2026-11-25';
const valid = {
	fullName: '  Siti   Rahmawati ',
	email: 'Siti@Example.ID ',
	phone: '0812-3456-7890',
	birthDate: '1985-12-03',
	password: 'kopi-susu-gula-aren'
};

function errorsOf(input: unknown) {
	const result = registerSchema(today).safeParse(input);
	if (result.success) return {};
	return Object.fromEntries(
		result.error.issues.map((issue) => [issue.path.join('.'), issue.message])
	);
}

describe('registerSchema', () => {
	it('normalizes name, email and phone', () => {
		expect(registerSchema(today).parse(valid)).toEqual({
			fullName: 'Siti Rahmawati',
			email: 'siti@example.id',
			phone: '+6281234567890',
			birthDate: '1985-12-03',
			password: 'kopi-susu-gula-aren'
		});
	});

	it('requires the account holder to be 17 on the day of registering', () => {
		expect(errorsOf({ ...valid, birthDate: '2009-11-25' })).toEqual({});
		expect(errorsOf({ ...valid, birthDate: '2009-11-26' })).toEqual({
			birthDate: 'account_holder_too_young'
		});
	});

	it('refuses impossible and future dates', () => {
		expect(errorsOf({ ...valid, birthDate: '1985-02-30' })).toEqual({ birthDate: 'date_invalid' });
		expect(errorsOf({ ...valid, birthDate: '2026-11-26' }).birthDate).toBe('birth_date_future');
		expect(errorsOf({ ...valid, birthDate: '1880-01-01' }).birthDate).toBe('birth_date_too_old');
	});

	it('refuses short passwords, odd names and foreign phones', () => {
		expect(errorsOf({ ...valid, password: '123456789' })).toEqual({
			password: 'password_too_short'
		});
		expect(errorsOf({ ...valid, fullName: 'R2-D2' })).toEqual({ fullName: 'name_invalid' });
		expect(errorsOf({ ...valid, phone: '+1 555 123 4567' })).toEqual({ phone: 'phone_invalid' });
	});

	it('keeps names with apostrophes and letters beyond ASCII', () => {
		expect(errorsOf({ ...valid, fullName: "Ni Luh Putu Ayu D'Silva" })).toEqual({});
		expect(errorsOf({ ...valid, fullName: 'Théo Müller' })).toEqual({});
	});
});

describe('loginSchema', () => {
	it('does not apply the password policy to log-in (old passwords must still work)', () => {
		expect(loginSchema.safeParse({ email: 'a@b.id', password: 'x' }).success).toBe(true);
		expect(loginSchema.safeParse({ email: 'a@b.id', password: '' }).success).toBe(false);
	});
});

describe('birth date refusals', () => {
	it('gives one clear reason for an empty or impossible date', () => {
		expect(errorsOf({ ...valid, birthDate: '' })).toEqual({ birthDate: 'required' });
		expect(errorsOf({ ...valid, birthDate: '17-05-1990' })).toEqual({ birthDate: 'date_invalid' });
	});
});
