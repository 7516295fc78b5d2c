/**
 * Billing codes, shaped like the state's SIMPONI codes: 15 digits. The last digit is a Luhn
 * check digit over the first 14, so a mistyped code is caught before anyone pays it.
 */
export const BILLING_CODE_LENGTH = 15;

function luhnCheckDigit(digits: string): number {
	let sum = 0;
	// Doubling starts from the rightmost payload digit, because the check digit follows it.
	for (let index = 0; index < digits.length; index++) {
		let digit = Number(digits[digits.length - 1 - index]);
		if (index % 2 === 0) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return (10 - (sum % 10)) % 10;
}

/** A code from 14 payload digits (the first one not zero, so it never loses a digit). */
export function billingCodeFromPayload(payload: string): string {
	if (!/^[1-9]\d{13}$/.test(payload)) throw new RangeError('payload must be 14 digits, no lead 0');
	return `${payload}${luhnCheckDigit(payload)}`;
}

/** Spaces and dashes people type between groups are allowed; the result is digits only. */
export function normalizeBillingCode(input: string): string {
	return input.replace(/[\s-]/g, '');
}

export function isBillingCode(value: string): boolean {
	if (!/^[1-9]\d{14}$/.test(value)) return false;
	return luhnCheckDigit(value.slice(0, -1)) === Number(value.at(-1));
}

/** "1234 5678 9012 345": grouped as banks print them. */
export function formatBillingCode(code: string): string {
	return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}
