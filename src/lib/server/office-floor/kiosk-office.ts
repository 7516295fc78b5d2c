import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { offices } from '../db/schema';

export interface KioskOffice {
	id: string;
	code: string;
	name: string;
	timeZone: string;
}

const cache = new Map<string, { office: KioskOffice | null; until: number }>();
const CACHE_MS = 60_000;
const CACHE_LIMIT = 200;

/** An active office by its code, for the public kiosk board; remembered for a minute. */
export async function kioskOffice(db: Db, code: string): Promise<KioskOffice | null> {
	const cached = cache.get(code);
	if (cached && cached.until > Date.now()) return cached.office;
	const [office] = await db
		.select({ id: offices.id, code: offices.code, name: offices.name, timeZone: offices.timeZone })
		.from(offices)
		.where(and(eq(offices.code, code), eq(offices.active, true)));
	// Bounded: a scan of made-up codes cannot grow the map without limit.
	if (cache.size >= CACHE_LIMIT) cache.clear();
	cache.set(code, { office: office ?? null, until: Date.now() + CACHE_MS });
	return office ?? null;
}
