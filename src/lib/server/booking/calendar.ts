import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { dayState, type DayState } from '../../domain/booking-calendar';
import { datesFromTo, officeLocalDate } from '../../domain/office-time';
import type { PassportService, PassportType } from '../../domain/passport-kinds';
import type { Db } from '../db/client';
import { offices, quotaReleases, slots } from '../db/schema';
import { AppError } from '../errors';

export interface CalendarDay {
	date: string;
	releaseId: string;
	state: DayState;
	free: number;
}

export interface CalendarRelease {
	id: string;
	label: string;
	firstDate: string;
	lastDate: string;
	opensAt: Date;
	open: boolean;
}

export function activeOffices(db: Db) {
	return db
		.select({
			id: offices.id,
			code: offices.code,
			name: offices.name,
			city: offices.city,
			provinceCode: offices.provinceCode,
			address: offices.address,
			timeZone: offices.timeZone,
			passportTypes: offices.passportTypes,
			services: offices.services
		})
		.from(offices)
		.where(eq(offices.active, true))
		.orderBy(asc(offices.provinceCode), asc(offices.name));
}

/**
 * An office's calendar for one passport type and service: every day of its current and
 * coming releases with its state, so "no dates" always comes with a reason.
 */
export async function officeCalendar(
	db: Db,
	officeId: string,
	kind: { passportType: PassportType; service: PassportService },
	now = new Date()
) {
	const [office] = await db
		.select()
		.from(offices)
		.where(and(eq(offices.id, officeId), eq(offices.active, true)));
	if (!office) throw new AppError('office_not_found', 'NOT_FOUND');
	const today = officeLocalDate(now, office.timeZone);
	const releases = await db
		.select()
		.from(quotaReleases)
		.where(and(eq(quotaReleases.officeId, officeId), gte(quotaReleases.lastDate, today)))
		.orderBy(asc(quotaReleases.firstDate));
	const seats = await db
		.select({
			date: slots.date,
			capacity: sql<number>`coalesce(sum(${slots.capacity}) filter (where ${slots.passportType} = ${kind.passportType} and ${slots.service} = ${kind.service} and ${slots.startsAt} > now()), 0)::int`,
			booked: sql<number>`coalesce(sum(${slots.booked}) filter (where ${slots.passportType} = ${kind.passportType} and ${slots.service} = ${kind.service} and ${slots.startsAt} > now()), 0)::int`,
			any: sql<number>`count(*)::int`
		})
		.from(slots)
		.where(and(eq(slots.officeId, officeId), gte(slots.date, today)))
		.groupBy(slots.date);
	const byDate = new Map(seats.map((row) => [row.date, row]));
	const officeOffersKind =
		office.passportTypes.includes(kind.passportType) && office.services.includes(kind.service);
	const days: CalendarDay[] = releases.flatMap((release) =>
		datesFromTo(release.firstDate, release.lastDate)
			.filter((date) => date >= today)
			.map((date) => {
				const row = byDate.get(date);
				const capacity = row?.capacity ?? 0;
				const booked = row?.booked ?? 0;
				return {
					date,
					releaseId: release.id,
					state: dayState({
						date,
						today,
						officeOffersKind,
						releaseOpensAt: release.opensAt,
						now,
						seats: { capacity, booked, anySlots: (row?.any ?? 0) > 0 }
					}),
					free: Math.max(0, capacity - booked)
				};
			})
	);
	return {
		office: {
			id: office.id,
			code: office.code,
			name: office.name,
			city: office.city,
			address: office.address,
			timeZone: office.timeZone,
			passportTypes: office.passportTypes,
			services: office.services
		},
		officeOffersKind,
		today,
		serverNow: now.getTime(),
		releases: releases.map((release): CalendarRelease => ({
			id: release.id,
			label: release.label,
			firstDate: release.firstDate,
			lastDate: release.lastDate,
			opensAt: release.opensAt,
			open: release.opensAt.getTime() <= now.getTime()
		})),
		days
	};
}

/** The free slots of one day of a release for one passport type and service. */
export async function slotsOfDay(
	db: Db,
	releaseId: string,
	date: string,
	kind: { passportType: PassportType; service: PassportService }
) {
	const rows = await db
		.select({
			id: slots.id,
			startTime: slots.startTime,
			endTime: slots.endTime,
			capacity: slots.capacity,
			booked: slots.booked
		})
		.from(slots)
		.where(
			and(
				eq(slots.releaseId, releaseId),
				eq(slots.date, date),
				eq(slots.passportType, kind.passportType),
				eq(slots.service, kind.service),
				sql`${slots.startsAt} > now()`
			)
		)
		.orderBy(asc(slots.startTime));
	return rows.map((row) => ({ ...row, free: row.capacity - row.booked }));
}

/** Days of a release that still have seats of this kind, with how many, for slot choice. */
export async function freeDaysOfRelease(
	db: Db,
	releaseId: string,
	kind: { passportType: PassportType; service: PassportService }
) {
	return db
		.select({
			date: slots.date,
			free: sql<number>`sum(${slots.capacity} - ${slots.booked})::int`
		})
		.from(slots)
		.where(
			and(
				eq(slots.releaseId, releaseId),
				eq(slots.passportType, kind.passportType),
				eq(slots.service, kind.service),
				sql`${slots.startsAt} > now()`
			)
		)
		.groupBy(slots.date)
		.having(sql`sum(${slots.capacity} - ${slots.booked}) > 0`)
		.orderBy(asc(slots.date));
}
