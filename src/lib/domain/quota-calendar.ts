/**
 * The staff's quota calendar: one month of an office's slots, seat by seat. A seat is paid,
 * held (booked, payment still open) or free; capacity is split by passport type and service,
 * so each day is told per kind as well as in total.
 */
import { z } from 'zod';
import type { PassportService, PassportType } from './passport-kinds';
import { daysInMonth } from './dates';

export type Month = `${number}-${number}`;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): value is Month {
	return MONTH.test(value);
}

/** The month of an office-local date ('2026-12-03' → '2026-12'). */
export function monthOf(date: string): Month {
	return date.slice(0, 7) as Month;
}

/** The month `step` months away ('2026-12', 1 → '2027-01'). */
export function shiftMonth(month: Month, step: number): Month {
	const [year, monthNumber] = month.split('-').map(Number);
	const index = year! * 12 + (monthNumber! - 1) + step;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}` as Month;
}

function daysIn(month: Month): number {
	const [year, monthNumber] = month.split('-').map(Number);
	return daysInMonth(year!, monthNumber!);
}

export function monthRange(month: Month): { first: string; last: string } {
	return { first: `${month}-01`, last: `${month}-${String(daysIn(month)).padStart(2, '0')}` };
}

/**
 * The month as weeks from Monday to Sunday (ISO, as Indonesian calendars are printed); days
 * outside the month are null so every week has seven cells.
 */
export function monthWeeks(month: Month): (string | null)[][] {
	const [year, monthNumber] = month.split('-').map(Number);
	const firstWeekday = new Date(Date.UTC(year!, monthNumber! - 1, 1)).getUTCDay();
	const leading = (firstWeekday + 6) % 7;
	const cells: (string | null)[] = Array.from({ length: leading }, () => null);
	for (let day = 1; day <= daysIn(month); day++) {
		cells.push(`${month}-${String(day).padStart(2, '0')}`);
	}
	while (cells.length % 7 !== 0) cells.push(null);
	const weeks: (string | null)[][] = [];
	for (let start = 0; start < cells.length; start += 7) weeks.push(cells.slice(start, start + 7));
	return weeks;
}

export interface Seats {
	capacity: number;
	paid: number;
	held: number;
	free: number;
}

/** One slot of the month as the server reads it. */
export interface CalendarSlot extends Seats {
	date: string;
	startTime: string;
	endTime: string;
	passportType: PassportType;
	service: PassportService;
}

export interface KindSeats extends Seats {
	passportType: PassportType;
	service: PassportService;
}

export interface CalendarDay {
	date: string;
	total: Seats;
	/** One line per passport type and service the day has slots for, in the slots' order. */
	kinds: KindSeats[];
	slots: CalendarSlot[];
}

function emptySeats(): Seats {
	return { capacity: 0, paid: 0, held: 0, free: 0 };
}

function addSeats(into: Seats, seats: Seats): void {
	into.capacity += seats.capacity;
	into.paid += seats.paid;
	into.held += seats.held;
	into.free += seats.free;
}

/** Groups the month's slots (ordered by date and time) into days, keyed by date. */
export function calendarDays(slots: readonly CalendarSlot[]): Map<string, CalendarDay> {
	const days = new Map<string, CalendarDay>();
	for (const slot of slots) {
		let day = days.get(slot.date);
		if (!day) {
			day = { date: slot.date, total: emptySeats(), kinds: [], slots: [] };
			days.set(slot.date, day);
		}
		day.slots.push(slot);
		addSeats(day.total, slot);
		let kind = day.kinds.find(
			(line) => line.passportType === slot.passportType && line.service === slot.service
		);
		if (!kind) {
			kind = { passportType: slot.passportType, service: slot.service, ...emptySeats() };
			day.kinds.push(kind);
		}
		addSeats(kind, slot);
	}
	return days;
}

/** What the calendar asks the server: an office (the staff's own) and a month. */
export const calendarInputSchema = z.object({
	officeId: z.uuid({ error: 'office_not_found' }),
	month: z.string().refine(isMonth, { error: 'quota_calendar_month_invalid' })
});
