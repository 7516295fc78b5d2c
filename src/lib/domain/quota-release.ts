import { z } from 'zod';
import { isIsoDate } from './dates';
import { daysBetween, isClockTime, minutesOfDay } from './office-time';
import { PASSPORT_SERVICES, PASSPORT_TYPES } from './passport-kinds';

/** A release covers at most this many days, so one opening cannot hand out a whole year. */
export const MAX_RELEASE_DAYS = 62;
/** The most seats one slot of one passport type and service may have. */
export const MAX_SLOT_CAPACITY = 500;

export interface ReleaseWindow {
	firstDate: string;
	lastDate: string;
	opensAt: Date;
}

export function coversDate(release: ReleaseWindow, date: string): boolean {
	return date >= release.firstDate && date <= release.lastDate;
}

export function isReleaseOpen(release: Pick<ReleaseWindow, 'opensAt'>, now: Date): boolean {
	return now.getTime() >= release.opensAt.getTime();
}

export function windowsOverlap(a: ReleaseWindow, b: ReleaseWindow): boolean {
	return a.firstDate <= b.lastDate && b.firstDate <= a.lastDate;
}

const isoDate = z.string().refine(isIsoDate, { error: 'date_invalid' });
const clockTime = z.string().refine(isClockTime, { error: 'time_invalid' });

/** A quota release as office staff define it: the dates it covers and when it opens. */
export const releaseInputSchema = z
	.object({
		label: z.string().trim().min(1, { error: 'required' }).max(80),
		firstDate: isoDate,
		lastDate: isoDate,
		opensAt: z.coerce.date({ error: 'date_invalid' })
	})
	.refine((release) => release.firstDate <= release.lastDate, {
		error: 'release_dates_reversed',
		path: ['lastDate']
	})
	.refine(
		(release) =>
			!isIsoDate(release.firstDate) ||
			!isIsoDate(release.lastDate) ||
			daysBetween(release.firstDate, release.lastDate) < MAX_RELEASE_DAYS,
		{ error: 'release_too_long', path: ['lastDate'] }
	);

export type ReleaseInput = z.infer<typeof releaseInputSchema>;

/** One line of an office's weekly timetable: a time range with seats for one kind of passport. */
export const slotTemplateInputSchema = z
	.object({
		weekday: z.number().int().min(1).max(7),
		startTime: clockTime,
		endTime: clockTime,
		passportType: z.enum(PASSPORT_TYPES, { error: 'passport_type_invalid' }),
		service: z.enum(PASSPORT_SERVICES, { error: 'service_invalid' }),
		capacity: z
			.number({ error: 'capacity_invalid' })
			.int({ error: 'capacity_invalid' })
			.min(1, { error: 'capacity_invalid' })
			.max(MAX_SLOT_CAPACITY, { error: 'capacity_invalid' })
	})
	.refine(
		(template) =>
			// A malformed time is reported by its own field; only compare two real times.
			!isClockTime(template.startTime) ||
			!isClockTime(template.endTime) ||
			minutesOfDay(template.startTime) < minutesOfDay(template.endTime),
		{
			error: 'time_range_reversed',
			path: ['endTime']
		}
	);

export type SlotTemplateInput = z.infer<typeof slotTemplateInputSchema>;
