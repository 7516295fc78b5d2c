import { isIsoDate } from './dates';
import { isProvinceCode } from './provinces';

export type Sex = 'M' | 'F';

export type NikError =
	| 'nik_format'
	| 'nik_province'
	| 'nik_date'
	| 'nik_serial'
	| 'nik_birth_date_mismatch'
	| 'nik_sex_mismatch';

export type ParsedNik = {
	provinceCode: string;
	regencyCode: string;
	districtCode: string;
	sex: Sex;
	day: number;
	month: number;
	yearTwoDigits: number;
	serial: string;
};

// Dukcapil encodes women's birth days as day + 40.
const FEMALE_DAY_OFFSET = 40;

export function normalizeNik(input: string): string {
	return input.replace(/[\s.-]/g, '');
}

export function parseNik(nik: string): ParsedNik | null {
	if (!/^\d{16}$/.test(nik)) return null;
	const encodedDay = Number(nik.slice(6, 8));
	const sex: Sex = encodedDay > FEMALE_DAY_OFFSET ? 'F' : 'M';
	return {
		provinceCode: nik.slice(0, 2),
		regencyCode: nik.slice(2, 4),
		districtCode: nik.slice(4, 6),
		sex,
		day: sex === 'F' ? encodedDay - FEMALE_DAY_OFFSET : encodedDay,
		month: Number(nik.slice(8, 10)),
		yearTwoDigits: Number(nik.slice(10, 12)),
		serial: nik.slice(12, 16)
	};
}

// The century is not encoded, but everyone holding a NIK was born in 19YY or 20YY and in
// both centuries YY % 4 === 0 decides leap years (1900 aside, nobody alive needs it), so
// the NIK's own digits settle whether 29 Feb is possible.
function maxDay(month: number, yearTwoDigits: number): number {
	if (month === 2) return yearTwoDigits % 4 === 0 ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isPossibleDate(parsed: ParsedNik): boolean {
	const { day, month, yearTwoDigits } = parsed;
	return month >= 1 && month <= 12 && day >= 1 && day <= maxDay(month, yearTwoDigits);
}

function matchesBirthDate(parsed: ParsedNik, birthDate: string): boolean {
	const [year = NaN, month, day] = birthDate.split('-').map(Number);
	return parsed.day === day && parsed.month === month && parsed.yearTwoDigits === year % 100;
}

/**
 * Expects an already normalized NIK. Empty result means valid. With `person`, the NIK must
 * also agree with the birth date and sex the applicant entered.
 */
export function checkNik(nik: string, person?: { birthDate: string; sex: Sex }): NikError[] {
	const parsed = parseNik(nik);
	if (!parsed) return ['nik_format'];

	const errors: NikError[] = [];
	if (!isProvinceCode(parsed.provinceCode)) errors.push('nik_province');
	const dateOk = isPossibleDate(parsed);
	if (!dateOk) errors.push('nik_date');
	if (parsed.serial === '0000') errors.push('nik_serial');

	// Sex is read from the day digits, so a broken date makes both comparisons meaningless
	// and would only pile extra messages on top of nik_date. An invalid birthDate is the
	// birth date field's own error, not the NIK's.
	if (person && dateOk) {
		if (isIsoDate(person.birthDate) && !matchesBirthDate(parsed, person.birthDate)) {
			errors.push('nik_birth_date_mismatch');
		}
		if (parsed.sex !== person.sex) errors.push('nik_sex_mismatch');
	}
	return errors;
}
