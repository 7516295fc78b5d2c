// Dates are plain calendar dates ('YYYY-MM-DD'); going through Date would drag in
// time zones and shift birthdays by a day around midnight.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parts(value: string): { year: number; month: number; day: number } | null {
	const match = ISO_DATE.exec(value);
	if (!match) return null;
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	return { year, month, day };
}

export function isIsoDate(value: string): boolean {
	return parts(value) !== null;
}

/** Full years; negative when `onDate` precedes `birthDate`. Throws RangeError on malformed dates. */
export function ageInYears(birthDate: string, onDate: string): number {
	const birth = parts(birthDate);
	const on = parts(onDate);
	if (!birth || !on) throw new RangeError(`Invalid ISO date: ${birth ? onDate : birthDate}`);
	const age = on.year - birth.year;
	// Comparing month/day pairs makes a 29 Feb birthday fall on 1 Mar in common years,
	// since 28 Feb still sorts before it.
	const birthdayPassed =
		on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
	return birthdayPassed ? age : age - 1;
}
