/** Indonesia's three time zones; every office date and time is read in its own zone. */
export const INDONESIAN_TIME_ZONES = {
	WIB: 'Asia/Jakarta',
	WITA: 'Asia/Makassar',
	WIT: 'Asia/Jayapura'
} as const;

export type IndonesianTimeZone = (typeof INDONESIAN_TIME_ZONES)[keyof typeof INDONESIAN_TIME_ZONES];

/** Applicants have no office yet when they are added, so their "today" is read in WIB. */
export const DEFAULT_TIME_ZONE: IndonesianTimeZone = INDONESIAN_TIME_ZONES.WIB;

export function isIndonesianTimeZone(value: string): value is IndonesianTimeZone {
	return (Object.values(INDONESIAN_TIME_ZONES) as string[]).includes(value);
}

// Building a formatter is far dearer than using one, and this runs on every request.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) that `instant` falls on in `timeZone`. */
export function calendarDateIn(instant: Date, timeZone: string): string {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		// en-CA formats dates as YYYY-MM-DD; Intl carries the IANA time zone rules.
		formatter = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		formatters.set(timeZone, formatter);
	}
	return formatter.format(instant);
}
