import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { offices } from '../db/schema';
import { SEED_OFFICES } from './seed-data';

/**
 * Writes the seeded offices, matched by code, at every start. Running it twice, or from many
 * processes at once, leaves the same rows; offices created by an admin are left alone.
 */
export async function seedOffices(db: Db): Promise<number> {
	const rows = await db
		.insert(offices)
		.values(SEED_OFFICES.map((office) => ({ ...office })))
		.onConflictDoUpdate({
			target: offices.code,
			set: {
				name: sql`excluded.name`,
				city: sql`excluded.city`,
				provinceCode: sql`excluded.province_code`,
				address: sql`excluded.address`,
				timeZone: sql`excluded.time_zone`,
				passportTypes: sql`excluded.passport_types`,
				services: sql`excluded.services`,
				updatedAt: sql`now()`
			},
			// Skipping identical rows keeps a restart from rewriting 40 rows for nothing.
			setWhere: sql`(${offices.name}, ${offices.city}, ${offices.provinceCode}, ${offices.address}, ${offices.timeZone}, ${offices.passportTypes}, ${offices.services})
				is distinct from (excluded.name, excluded.city, excluded.province_code, excluded.address, excluded.time_zone, excluded.passport_types, excluded.services)`
		})
		.returning({ id: offices.id });
	return rows.length;
}
