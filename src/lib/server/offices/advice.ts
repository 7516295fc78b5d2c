import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import {
	minutesBetween,
	type FreeDay,
	type OfficeAdviceFigures,
	type ReleaseSpeed
} from '../../domain/office-advice';
import { officeLocalDate } from '../../domain/office-time';
import { waitingInRoom } from '../../domain/waiting-room';
import type { Db } from '../db/client';
import { bookings, quotaReleases, slots } from '../db/schema';
import { readRoom } from '../waiting-room/room';

/** How many past releases the advice looks back on. */
const RECENT_RELEASES = 3;
/** How many days ahead the free-seat chart covers. */
const DAYS_AHEAD = 14;
/** Stands in for a person when reading a room's counters; no account has this id. */
const NOBODY = 'office-advice';

interface OfficeRef {
	id: string;
	timeZone: string;
}

/**
 * When the last seat of a release was first taken: the moment its bookings (any status, so a
 * hold that later lapsed still counts) reached its capacity. Null if they never did.
 */
async function releaseSpeed(
	db: Db,
	release: { id: string; label: string; opensAt: Date }
): Promise<ReleaseSpeed> {
	const [seats] = await db
		.select({ capacity: sql<number>`coalesce(sum(${slots.capacity}), 0)::int` })
		.from(slots)
		.where(eq(slots.releaseId, release.id));
	const capacity = Number(seats?.capacity ?? 0);
	let minutesToSellOut: number | null = null;
	if (capacity > 0) {
		const [lastSeat] = await db
			.select({ at: bookings.createdAt })
			.from(bookings)
			.where(eq(bookings.releaseId, release.id))
			.orderBy(asc(bookings.createdAt))
			.offset(capacity - 1)
			.limit(1);
		if (lastSeat)
			minutesToSellOut = minutesBetween(release.opensAt.getTime(), lastSeat.at.getTime());
	}
	return {
		releaseId: release.id,
		label: release.label,
		opensAt: release.opensAt.getTime(),
		capacity,
		minutesToSellOut
	};
}

/** People waiting in the room of the release open now (opened, dates not all past), if any. */
async function waitingNow(db: Db, office: OfficeRef, now: Date): Promise<number | null> {
	const today = officeLocalDate(now, office.timeZone);
	const [open] = await db
		.select({ id: quotaReleases.id })
		.from(quotaReleases)
		.where(
			and(
				eq(quotaReleases.officeId, office.id),
				lte(quotaReleases.opensAt, now),
				gte(quotaReleases.lastDate, today)
			)
		)
		.orderBy(desc(quotaReleases.opensAt))
		.limit(1);
	if (!open) return null;
	const room = await readRoom(open.id, NOBODY, { touch: false });
	return room.exists ? waitingInRoom(room) : null;
}

/** Free seats per upcoming date, counting only releases that have opened. */
async function upcomingDays(db: Db, office: OfficeRef, now: Date): Promise<FreeDay[]> {
	const today = officeLocalDate(now, office.timeZone);
	const last = officeLocalDate(now.getTime() + (DAYS_AHEAD - 1) * 86_400_000, office.timeZone);
	const rows = await db
		.select({
			date: slots.date,
			free: sql<number>`sum(${slots.capacity} - ${slots.booked})::int`
		})
		.from(slots)
		.innerJoin(quotaReleases, eq(quotaReleases.id, slots.releaseId))
		.where(
			and(
				eq(slots.officeId, office.id),
				gte(slots.date, today),
				lte(slots.date, last),
				lte(quotaReleases.opensAt, now)
			)
		)
		.groupBy(slots.date)
		.orderBy(asc(slots.date));
	return rows.map((row) => ({ date: row.date, free: Number(row.free) }));
}

/** What the data of one office says about when to apply (see officeAdvice for the words). */
export async function officeAdviceFigures(
	db: Db,
	office: OfficeRef,
	now: Date
): Promise<OfficeAdviceFigures> {
	const recent = await db
		.select({ id: quotaReleases.id, label: quotaReleases.label, opensAt: quotaReleases.opensAt })
		.from(quotaReleases)
		.where(and(eq(quotaReleases.officeId, office.id), lte(quotaReleases.opensAt, now)))
		.orderBy(desc(quotaReleases.opensAt))
		.limit(RECENT_RELEASES);
	const releases = await Promise.all(recent.map((release) => releaseSpeed(db, release)));
	return {
		releases,
		waitingNow: await waitingNow(db, office, now),
		days: await upcomingDays(db, office, now)
	};
}
