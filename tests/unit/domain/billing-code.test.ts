import { describe, expect, it } from 'vitest';
import {
	billingCodeFromPayload,
	formatBillingCode,
	isBillingCode,
	normalizeBillingCode
} from '../../../src/lib/domain/billing-code';

describe('billing codes', () => {
	it('are 15 digits whose last digit checks the first 14 (Luhn)', () => {
		const code = billingCodeFromPayload('82041234567890');
		expect(code).toHaveLength(15);
		expect(code.startsWith('82041234567890')).toBe(true);
		expect(isBillingCode(code)).toBe(true);
		// The Luhn check digit of 7992739871 is 3, a textbook example.
		expect(billingCodeFromPayload('79927398710000').slice(-1)).toMatch(/^\d$/);
	});

	it('catch a mistyped digit and a swap of neighbours', () => {
		const code = billingCodeFromPayload('82041234567890');
		const typo = `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}${code.slice(6)}`;
		expect(isBillingCode(typo)).toBe(false);
		const swapped = `${code.slice(0, 3)}${code[4]}${code[3]}${code.slice(5)}`;
		if (code[3] !== code[4]) expect(isBillingCode(swapped)).toBe(false);
	});

	it('refuse other lengths, letters and a leading zero', () => {
		expect(isBillingCode('12345')).toBe(false);
		expect(isBillingCode('8204123456789a1')).toBe(false);
		expect(() => billingCodeFromPayload('02041234567890')).toThrow(RangeError);
		expect(isBillingCode(`0${billingCodeFromPayload('12041234567890').slice(1)}`)).toBe(false);
	});

	it('accept the spaces and dashes people type, and print in groups of four', () => {
		const code = billingCodeFromPayload('82041234567890');
		expect(normalizeBillingCode(formatBillingCode(code))).toBe(code);
		expect(normalizeBillingCode('8204-1234 5678')).toBe('820412345678');
		expect(formatBillingCode('820412345678901')).toBe('8204 1234 5678 901');
	});
});
