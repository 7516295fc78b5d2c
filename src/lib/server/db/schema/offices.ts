import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PassportService, PassportType } from '../../../domain/passport-kinds';

/**
 * Immigration offices (Kantor Imigrasi). Every date and time of an office is read in its own
 * zone (IANA name: Asia/Jakarta, Asia/Makassar or Asia/Jayapura). The seeded offices are kept
 * in step with src/lib/server/offices/seed-data.ts at every start.
 */
export const offices = pgTable(
	'offices',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		code: text('code').notNull().unique(),
		name: text('name').notNull(),
		city: text('city').notNull(),
		/** BPS province code, as in the first two digits of a NIK. */
		provinceCode: text('province_code').notNull().default(''),
		address: text('address').notNull().default(''),
		phone: text('phone').notNull().default(''),
		timeZone: text('time_zone').notNull(),
		passportTypes: text('passport_types')
			.array()
			.$type<PassportType[]>()
			.notNull()
			.default(sql`'{biasa,elektronik}'::text[]`),
		services: text('services')
			.array()
			.$type<PassportService[]>()
			.notNull()
			.default(sql`'{reguler}'::text[]`),
		/** An office that stopped serving applicants stays for its history but takes no bookings. */
		active: boolean('active').notNull().default(true),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		check(
			'offices_time_zone_indonesian',
			sql`${table.timeZone} in ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')`
		)
	]
);
