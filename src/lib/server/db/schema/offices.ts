import { sql } from 'drizzle-orm';
import { boolean, check, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { OpeningHours, SocialLinks } from '../../../domain/office-info';
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
		// The address, contact details and hours below follow the seed until the office's own
		// staff first save them (infoEditedAt); from then on the seed leaves them alone.
		/** Indonesian mobile number in +62 form; '' when the office has not published one. */
		whatsapp: text('whatsapp').notNull().default(''),
		email: text('email').notNull().default(''),
		openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull().default([]),
		socialLinks: jsonb('social_links').$type<SocialLinks>().notNull().default({}),
		/** Walk-in priority service (elderly, disabled, pregnant, infants) without an online queue. */
		priorityWalkIn: boolean('priority_walk_in').notNull().default(true),
		priorityWalkInNote: text('priority_walk_in_note').notNull().default(''),
		infoEditedAt: timestamp('info_edited_at', { withTimezone: true }),
		// Likewise name, city, province, zone and what the office offers follow the seed until an
		// admin first saves them.
		settingsEditedAt: timestamp('settings_edited_at', { withTimezone: true }),
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
