import { calendarDateIn, DEFAULT_TIME_ZONE } from '../domain/time-zones';

/**
 * The server's "now" for rules that hinge on a date (rescheduling until H-1, no-shows after
 * the appointment). Tests pin it to the minute they need; in production it is the system clock.
 */
let pinned: Date | null = null;

export function now(): Date {
	return pinned ? new Date(pinned.getTime()) : new Date();
}

/** Pins the clock (tests only); `null` lets it run again. */
export function pinClock(instant: Date | null): void {
	pinned = instant ? new Date(instant.getTime()) : null;
}

export function todayInWib(): string {
	return calendarDateIn(now(), DEFAULT_TIME_ZONE);
}
