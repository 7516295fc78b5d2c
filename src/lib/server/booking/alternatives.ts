import { sql } from 'drizzle-orm';
import type { PassportService, PassportType } from '../../domain/passport-kinds';
import type { Db } from '../db/client';
import { releaseInfo } from './releases';
import { rowsOf } from '../db/rows';

export interface Alternatives {
	/** Open releases elsewhere with free seats of this kind; nearest first. */
	freeElsewhere: {
		releaseId: string;
		officeId: string;
		officeName: string;
		city: string;
		firstFreeDate: string;
		free: number;
	}[];
	/** Releases that open later at this office or nearby. */
	upcoming: {
		releaseId: string;
		officeId: string;
		officeName: string;
		label: string;
		opensAt: Date;
		timeZone: string;
		firstDate: string;
		lastDate: string;
	}[];
}

const CACHE_MS = 10_000;
const cache = new Map<string, { at: number; value: Promise<Alternatives> }>();

/**
 * Where else to go when a release's quota is gone. When a quota runs out, thousands ask at
 * once, so answers are cached for a few seconds per release and kind.
 */
export function alternativesFor(
	db: Db,
	releaseId: string,
	kind: { passportType: PassportType; service: PassportService }
): Promise<Alternatives> {
	const key = `${releaseId}/${kind.passportType}/${kind.service}`;
	const hit = cache.get(key);
	if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
	const value = load(db, releaseId, kind);
	cache.set(key, { at: Date.now(), value });
	value.catch(() => cache.delete(key));
	if (cache.size > 2_000) cache.delete(cache.keys().next().value!);
	return value;
}

interface FreeRow {
	release_id: string;
	office_id: string;
	name: string;
	city: string;
	first_date: string;
	free: number;
}

interface UpcomingRow {
	id: string;
	office_id: string;
	name: string;
	label: string;
	opens_at: Date | string;
	time_zone: string;
	first_date: string;
	last_date: string;
}

async function load(
	db: Db,
	releaseId: string,
	kind: { passportType: PassportType; service: PassportService }
): Promise<Alternatives> {
	const release = await releaseInfo(db, releaseId);
	if (!release) return { freeElsewhere: [], upcoming: [] };
	const [home] = rowsOf<{ province_code: string }>(
		await db.execute(sql`select province_code from offices where id = ${release.officeId}`)
	);
	const province = home?.province_code ?? '';
	const free = await db.execute(sql`
		select s.release_id, s.office_id, o.name, o.city, min(s.date)::text as first_date,
			sum(s.capacity - s.booked)::int as free
		from slots s
		join quota_releases r on r.id = s.release_id
		join offices o on o.id = s.office_id
		where r.opens_at <= now() and s.starts_at > now() and s.booked < s.capacity
			and s.passport_type = ${kind.passportType} and s.service = ${kind.service}
			and s.release_id <> ${releaseId} and o.active
		group by s.release_id, s.office_id, o.name, o.city, o.province_code, o.time_zone
		order by (o.province_code = ${province}) desc, (o.time_zone = ${release.timeZone}) desc,
			sum(s.capacity - s.booked) desc
		limit 5
	`);
	const upcoming = await db.execute(sql`
		select r.id, r.office_id, o.name, r.label, r.opens_at, o.time_zone, r.first_date::text,
			r.last_date::text
		from quota_releases r
		join offices o on o.id = r.office_id
		where r.opens_at > now() and o.active
			and (r.office_id = ${release.officeId} or o.province_code = ${province})
		order by (r.office_id = ${release.officeId}) desc, r.opens_at
		limit 3
	`);
	return {
		freeElsewhere: rowsOf<FreeRow>(free).map((row) => ({
			releaseId: row.release_id,
			officeId: row.office_id,
			officeName: row.name,
			city: row.city,
			firstFreeDate: row.first_date,
			free: Number(row.free)
		})),
		upcoming: rowsOf<UpcomingRow>(upcoming).map((row) => ({
			releaseId: row.id,
			officeId: row.office_id,
			officeName: row.name,
			label: row.label,
			opensAt: new Date(row.opens_at),
			timeZone: row.time_zone,
			firstDate: row.first_date,
			lastDate: row.last_date
		}))
	};
}
