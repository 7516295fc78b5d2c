import { and, asc, eq, gt, gte, lte, sql } from 'drizzle-orm';
import { officeLocalDate } from '../../domain/office-time';
import type { Db } from '../db/client';
import { quotaReleases, slots } from '../db/schema';
import { roomRedis } from '../waiting-room/connection';
import { roomKeys } from '../waiting-room/keys';
import { roomMeta } from '../waiting-room/room';
import type { KioskOffice } from './kiosk-office';

/** The hall board's second part: the online quota's waiting room and the coming days' seats. */
export interface HallInfo {
	releases: {
		label: string;
		opensAt: number;
		phase: 'pre' | 'drawing' | 'open' | null;
		waiting: number;
	}[];
	days: { date: string; free: number }[];
}

const SOON_MS = 24 * 3_600_000;
const DAYS_SHOWN = 5;

/** People in a room: the pre-queue before the opening, then tickets not yet reached. */
async function roomWaiting(releaseId: string) {
	const meta = await roomMeta(releaseId);
	const phase = (meta.phase as HallInfo['releases'][number]['phase']) ?? null;
	if (!phase) return { phase, waiting: 0 };
	if (phase === 'pre') return { phase, waiting: await roomRedis().scard(roomKeys(releaseId)[1]!) };
	const lastTicket = Number(meta.preCount ?? 0) + Number(meta.postSeq ?? 0);
	return { phase, waiting: Math.max(0, lastTicket - Number(meta.serving ?? 0)) };
}

export async function hallInfo(db: Db, office: KioskOffice, now = new Date()): Promise<HallInfo> {
	const today = officeLocalDate(now, office.timeZone);
	const releases = await db
		.select({ id: quotaReleases.id, label: quotaReleases.label, opensAt: quotaReleases.opensAt })
		.from(quotaReleases)
		.where(
			and(
				eq(quotaReleases.officeId, office.id),
				gte(quotaReleases.lastDate, today),
				lte(quotaReleases.opensAt, new Date(now.getTime() + SOON_MS))
			)
		)
		.orderBy(asc(quotaReleases.opensAt))
		.limit(3);
	const withRooms = await Promise.all(
		releases.map(async (release) => ({
			label: release.label,
			opensAt: release.opensAt.getTime(),
			...(await roomWaiting(release.id))
		}))
	);
	const days = await db
		.select({
			date: slots.date,
			free: sql<number>`coalesce(sum(${slots.capacity} - ${slots.booked}), 0)::int`
		})
		.from(slots)
		.where(and(eq(slots.officeId, office.id), gt(slots.date, today)))
		.groupBy(slots.date)
		.orderBy(asc(slots.date))
		.limit(DAYS_SHOWN);
	// A release whose room is over (sold out and empty) is no longer news in the hall.
	return {
		releases: withRooms.filter(
			(release) => release.phase !== null || release.opensAt > now.getTime()
		),
		days
	};
}

const cache = new Map<string, { info: Promise<HallInfo>; until: number }>();
const CACHE_MS = 10_000;

/** Shared by every board of an office for ten seconds, however many poll it. */
export function cachedHallInfo(db: Db, office: KioskOffice): Promise<HallInfo> {
	const cached = cache.get(office.id);
	if (cached && cached.until > Date.now()) return cached.info;
	if (cache.size >= 200) cache.clear();
	const info = hallInfo(db, office);
	info.catch(() => cache.delete(office.id));
	cache.set(office.id, { info, until: Date.now() + CACHE_MS });
	return info;
}
