import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { offices, quotaReleases, slots } from '../db/schema';

export interface ReleaseInfo {
	id: string;
	officeId: string;
	officeName: string;
	timeZone: string;
	label: string;
	firstDate: string;
	lastDate: string;
	opensAt: Date;
	admissionRate: number | null;
	officePassportTypes: string[];
	officeServices: string[];
	/** "passportType/service" pairs the release has slots for. */
	kindsWithSlots: Set<string>;
}

const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; value: Promise<ReleaseInfo | null> }>();

/**
 * A release and its office, cached for a few seconds: at an opening thousands of status
 * calls ask about the same release, and it does not change under them.
 */
export function releaseInfo(db: Db, releaseId: string): Promise<ReleaseInfo | null> {
	const hit = cache.get(releaseId);
	if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
	const value = loadRelease(db, releaseId);
	cache.set(releaseId, { at: Date.now(), value });
	value.catch(() => cache.delete(releaseId));
	if (cache.size > 5_000) cache.delete(cache.keys().next().value!);
	return value;
}

export function forgetRelease(releaseId: string): void {
	cache.delete(releaseId);
}

async function loadRelease(db: Db, releaseId: string): Promise<ReleaseInfo | null> {
	const [row] = await db
		.select({
			id: quotaReleases.id,
			officeId: quotaReleases.officeId,
			officeName: offices.name,
			timeZone: offices.timeZone,
			label: quotaReleases.label,
			firstDate: quotaReleases.firstDate,
			lastDate: quotaReleases.lastDate,
			opensAt: quotaReleases.opensAt,
			admissionRate: quotaReleases.admissionRate,
			officePassportTypes: offices.passportTypes,
			officeServices: offices.services
		})
		.from(quotaReleases)
		.innerJoin(offices, eq(offices.id, quotaReleases.officeId))
		.where(eq(quotaReleases.id, releaseId));
	if (!row) return null;
	const kinds = await db
		.selectDistinct({ passportType: slots.passportType, service: slots.service })
		.from(slots)
		.where(eq(slots.releaseId, releaseId));
	return {
		...row,
		kindsWithSlots: new Set(kinds.map((kind) => `${kind.passportType}/${kind.service}`))
	};
}

/** Seats of a release that are still free in slots that have not started yet. */
export async function remainingSeats(db: Db, releaseId: string): Promise<number> {
	const [row] = await db
		.select({ free: sql<number>`coalesce(sum(${slots.capacity} - ${slots.booked}), 0)::int` })
		.from(slots)
		.where(sql`${slots.releaseId} = ${releaseId} and ${slots.startsAt} > now()`);
	return row?.free ?? 0;
}
