const COUNTRY_CODE = '62';

// People type separators freely; none of them carry meaning.
const SEPARATORS = /[\s.\-()]/g;

// National significant number: landline area codes start 2–9 except 8, which is reserved
// for mobile. Mobile numbers are never shorter than 9 digits (e.g. 811-234-567).
const LANDLINE_NSN = /^[2-79]\d{7,11}$/;
const MOBILE_NSN = /^8\d{8,11}$/;

function nationalSignificantNumber(compact: string): string | null {
	if (compact.startsWith('0')) return compact.slice(1);
	const international = compact.startsWith('+' + COUNTRY_CODE)
		? compact.slice(3)
		: compact.startsWith(COUNTRY_CODE)
			? compact.slice(2)
			: null;
	// A bare number without 0 or 62 is ambiguous (area codes 062x exist in North Sumatra),
	// so it is rejected rather than guessed.
	if (international === null) return null;
	// '+62 (0)812…' is a common habit; no Indonesian NSN starts with 0, so the trunk 0 can go.
	return international.startsWith('0') ? international.slice(1) : international;
}

/** Returns the number in E.164 ('+62…') or null when it is not a plausible Indonesian number. */
export function normalizeIndonesianPhone(input: string): string | null {
	const nsn = nationalSignificantNumber(input.replace(SEPARATORS, ''));
	if (nsn === null || (!LANDLINE_NSN.test(nsn) && !MOBILE_NSN.test(nsn))) return null;
	return '+' + COUNTRY_CODE + nsn;
}
