import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format, getISODay, parseISO } from 'date-fns';
import { isIsoDate } from './dates';

/**
 * Every date and time an office shows (slots, release openings, deadlines) is read in the
 * office's own zone: WIB, WITA or WIT. Instants travel as UTC; only these functions turn them
 * into office-local dates and clock times.
 */

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(value: string): boolean {
	return CLOCK_TIME.test(value);
}

/** Minutes since midnight of an 'HH:MM' clock time. */
export function minutesOfDay(clockTime: string): number {
	const match = CLOCK_TIME.exec(clockTime);
	if (!match) throw new RangeError(`Invalid clock time: ${clockTime}`);
	return Number(match[1]) * 60 + Number(match[2]);
}

/** The office-local calendar date (YYYY-MM-DD) an instant falls on. */
export function officeLocalDate(instant: Date | number, timeZone: string): string {
	return format(new TZDate(Number(instant), timeZone), 'yyyy-MM-dd');
}

/** The office-local clock time (HH:MM) of an instant. */
export function officeLocalTime(instant: Date | number, timeZone: string): string {
	return format(new TZDate(Number(instant), timeZone), 'HH:mm');
}

/** The instant at which `clockTime` strikes on `date` in the office's zone. */
export function officeInstant(date: string, clockTime: string, timeZone: string): Date {
	if (!isIsoDate(date)) throw new RangeError(`Invalid date: ${date}`);
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	const minutes = minutesOfDay(clockTime);
	const local = new TZDate(year, month - 1, day, Math.floor(minutes / 60), minutes % 60, timeZone);
	return new Date(local.getTime());
}

/** ISO weekday of a calendar date: 1 Monday … 7 Sunday (a date has no zone, so none is needed). */
export function isoWeekday(date: string): number {
	return getISODay(parseISO(date));
}

/** Every calendar date from `first` to `last`, both included. */
export function datesFromTo(first: string, last: string): string[] {
	const start = parseISO(first);
	const count = differenceInCalendarDays(parseISO(last), start) + 1;
	return Array.from({ length: Math.max(0, count) }, (_, index) =>
		format(addDays(start, index), 'yyyy-MM-dd')
	);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** The everyday name of an Indonesian office zone: WIB, WITA or WIT. */
export function zoneLabel(timeZone: string): string {
	switch (timeZone) {
		case 'Asia/Makassar':
			return 'WITA';
		case 'Asia/Jayapura':
			return 'WIT';
		default:
			return 'WIB';
	}
}
