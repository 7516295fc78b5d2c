import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { offices } from '../db/schema';
import { seedContact } from './seed-contacts';
import { SEED_OFFICES } from './seed-data';

// Columns the office's staff may edit: the seed keeps them only until the first staff save.
const STAFF_OWNED = {
	address: 'address',
	phone: 'phone',
	whatsapp: 'whatsapp',
	email: 'email',
	openingHours: 'opening_hours',
	socialLinks: 'social_links',
	priorityWalkIn: 'priority_walk_in'
} as const;

// Columns an admin may edit: the seed keeps them only until the admin's first save.
const ADMIN_OWNED = {
	name: 'name',
	city: 'city',
	provinceCode: 'province_code',
	timeZone: 'time_zone',
	passportTypes: 'passport_types',
	services: 'services'
} as const;

function seedUnlessAdminEdited(column: keyof typeof ADMIN_OWNED): SQL {
	return sql`case when ${offices.settingsEditedAt} is null then excluded.${sql.identifier(ADMIN_OWNED[column])} else ${offices[column]} end`;
}

function seedUnlessEdited(column: keyof typeof STAFF_OWNED): SQL {
	return sql`case when ${offices.infoEditedAt} is null then excluded.${sql.identifier(STAFF_OWNED[column])} else ${offices[column]} end`;
}

/**
 * Writes the seeded offices, matched by code, at every start. Running it twice, or from many
 * processes at once, leaves the same rows; offices created by an admin are left alone. The
 * address, contact details and hours follow the seed only until the office's staff edit them.
 */
export async function seedOffices(db: Db): Promise<number> {
	const staffOwnedColumns = Object.keys(STAFF_OWNED) as (keyof typeof STAFF_OWNED)[];
	const seeded = sql.join(
		staffOwnedColumns.map((column) => sql`${offices[column]}`),
		sql`, `
	);
	const excluded = sql.join(
		staffOwnedColumns.map((column) => sql`excluded.${sql.identifier(STAFF_OWNED[column])}`),
		sql`, `
	);
	const rows = await db
		.insert(offices)
		.values(SEED_OFFICES.map((office) => ({ ...office, ...seedContact(office) })))
		.onConflictDoUpdate({
			target: offices.code,
			set: {
				...Object.fromEntries(
					(Object.keys(ADMIN_OWNED) as (keyof typeof ADMIN_OWNED)[]).map((column) => [
						column,
						seedUnlessAdminEdited(column)
					])
				),
				...Object.fromEntries(
					staffOwnedColumns.map((column) => [column, seedUnlessEdited(column)])
				),
				updatedAt: sql`now()`
			},
			// Skipping identical rows keeps a restart from rewriting 40 rows for nothing.
			setWhere: sql`(${offices.settingsEditedAt} is null and (${offices.name}, ${offices.city}, ${offices.provinceCode}, ${offices.timeZone}, ${offices.passportTypes}, ${offices.services})
				is distinct from (excluded.name, excluded.city, excluded.province_code, excluded.time_zone, excluded.passport_types, excluded.services))
				or (${offices.infoEditedAt} is null and (${seeded}) is distinct from (${excluded}))`
		})
		.returning({ id: offices.id });
	return rows.length;
}
