import { sql } from 'drizzle-orm';
import {
	type AnyPgColumn,
	check,
	date,
	index,
	integer,
	pgEnum,
	pgTable,
	real,
	smallint,
	text,
	timestamp,
	unique,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { applications } from './applications';
import { offices } from './offices';

export const passportTypeEnum = pgEnum('passport_type', [
	'biasa',
	'elektronik',
	'elektronik_polikarbonat'
]);
export const passportServiceEnum = pgEnum('passport_service', ['reguler', 'percepatan']);

/**
 * An office's weekly timetable: on this weekday (ISO, 1 Monday … 7 Sunday), this time range
 * has this many seats for one passport type and service. Slots are generated from it.
 */
export const slotTemplates = pgTable(
	'slot_templates',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		officeId: uuid('office_id')
			.notNull()
			.references(() => offices.id, { onDelete: 'cascade' }),
		weekday: smallint('weekday').notNull(),
		/** Office-local clock times, 'HH:MM'. */
		startTime: text('start_time').notNull(),
		endTime: text('end_time').notNull(),
		passportType: passportTypeEnum('passport_type').notNull(),
		service: passportServiceEnum('service').notNull(),
		capacity: integer('capacity').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		unique('slot_templates_office_line_unique').on(
			table.officeId,
			table.weekday,
			table.startTime,
			table.passportType,
			table.service
		),
		check('slot_templates_weekday_iso', sql`${table.weekday} between 1 and 7`),
		check('slot_templates_capacity_positive', sql`${table.capacity} > 0`),
		check('slot_templates_range_forward', sql`${table.startTime} < ${table.endTime}`)
	]
);

/**
 * A quota release: the dates it covers (office-local) and the instant its waiting room opens.
 * `admissionRate` is what an admin last set for its room; null means the configured default.
 */
export const quotaReleases = pgTable(
	'quota_releases',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		officeId: uuid('office_id')
			.notNull()
			.references(() => offices.id, { onDelete: 'cascade' }),
		label: text('label').notNull(),
		firstDate: date('first_date', { mode: 'string' }).notNull(),
		lastDate: date('last_date', { mode: 'string' }).notNull(),
		opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
		admissionRate: real('admission_rate'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		index('quota_releases_office_idx').on(table.officeId, table.firstDate),
		check('quota_releases_dates_forward', sql`${table.firstDate} <= ${table.lastDate}`)
	]
);

/**
 * A concrete slot: seats on one office-local date and time for one passport type and service.
 * The CHECK is the last word on over-filling: no code path can book past capacity.
 */
export const slots = pgTable(
	'slots',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		officeId: uuid('office_id')
			.notNull()
			.references(() => offices.id, { onDelete: 'cascade' }),
		releaseId: uuid('release_id')
			.notNull()
			.references(() => quotaReleases.id, { onDelete: 'cascade' }),
		date: date('date', { mode: 'string' }).notNull(),
		startTime: text('start_time').notNull(),
		endTime: text('end_time').notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		passportType: passportTypeEnum('passport_type').notNull(),
		service: passportServiceEnum('service').notNull(),
		capacity: integer('capacity').notNull(),
		booked: integer('booked').notNull().default(0)
	},
	(table) => [
		unique('slots_office_line_unique').on(
			table.officeId,
			table.date,
			table.startTime,
			table.passportType,
			table.service
		),
		index('slots_release_idx').on(table.releaseId),
		index('slots_office_date_idx').on(table.officeId, table.date),
		check(
			'slots_booked_within_capacity',
			sql`${table.booked} >= 0 and ${table.booked} <= ${table.capacity}`
		)
	]
);

export const attemptOutcome = pgEnum('booking_attempt_outcome', ['booked', 'refused']);

/**
 * Every booking attempt the worker decided, by the attempt id the browser made. It is written
 * in the same transaction as the decision, so a redelivered job finds it and answers the same.
 */
export const bookingAttempts = pgTable(
	'booking_attempts',
	{
		id: uuid('id').primaryKey(),
		accountId: uuid('account_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		releaseId: uuid('release_id')
			.notNull()
			.references(() => quotaReleases.id, { onDelete: 'cascade' }),
		/** The slot booked; when refused, the first choice (none when any slot would have done). */
		slotId: uuid('slot_id'),
		applicationIds: uuid('application_ids').array().notNull(),
		/** The admission token's unique id, spent by this attempt. */
		tokenId: text('token_id').notNull(),
		outcome: attemptOutcome('outcome').notNull(),
		/** Message key of the refusal (err_…), when refused. */
		refusal: text('refusal'),
		/** Which worker process decided it (host:pid), to see work spread in tests and benches. */
		decidedBy: text('decided_by').notNull(),
		decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('booking_attempts_account_idx').on(table.accountId, table.decidedAt)]
);

/**
 * `rescheduled`: the seat was moved; the booking that replaced it names this one in
 * `rescheduledFromId`. `no_show`: paid, and the person did not come (recorded by staff).
 */
export const bookingStatus = pgEnum('booking_status', [
	'held',
	'paid',
	'expired',
	'cancelled',
	'rescheduled',
	'no_show'
]);

/**
 * One seat for one application: a hold until paid, which expires at `expiresAt` if not.
 * A reschedule makes a new row (a new id, so a new receipt) and ends the old one.
 */
export const bookings = pgTable(
	'bookings',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		attemptId: uuid('attempt_id')
			.notNull()
			.references(() => bookingAttempts.id, { onDelete: 'cascade' }),
		applicationId: uuid('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		accountId: uuid('account_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		slotId: uuid('slot_id')
			.notNull()
			.references(() => slots.id, { onDelete: 'restrict' }),
		releaseId: uuid('release_id')
			.notNull()
			.references(() => quotaReleases.id, { onDelete: 'cascade' }),
		officeId: uuid('office_id')
			.notNull()
			.references(() => offices.id, { onDelete: 'cascade' }),
		status: bookingStatus('status').notNull().default('held'),
		/** The booking this one replaced by a reschedule; null for a first booking. */
		rescheduledFromId: uuid('rescheduled_from_id').references((): AnyPgColumn => bookings.id, {
			onDelete: 'set null'
		}),
		/** Payment deadline of a hold. */
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		// At most one live booking per application, whatever path tries to make a second.
		uniqueIndex('bookings_one_active_per_application')
			.on(table.applicationId)
			.where(sql`${table.status} in ('held', 'paid')`),
		index('bookings_held_expiry_idx')
			.on(table.expiresAt)
			.where(sql`${table.status} = 'held'`),
		index('bookings_account_idx').on(table.accountId),
		index('bookings_slot_idx').on(table.slotId)
	]
);

export const bookingChangeKind = pgEnum('booking_change_kind', [
	'reschedule',
	'cancel',
	'no_show',
	'special_reschedule'
]);

/**
 * What happened to a booking after it was made, by whom and why: the history staff and the
 * "once per application" rule read. Written in the same transaction as the change itself.
 */
export const bookingChanges = pgTable(
	'booking_changes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: bookingChangeKind('kind').notNull(),
		bookingId: uuid('booking_id')
			.notNull()
			.references(() => bookings.id, { onDelete: 'cascade' }),
		/** The booking a reschedule made. */
		newBookingId: uuid('new_booking_id').references(() => bookings.id, { onDelete: 'set null' }),
		applicationId: uuid('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		officeId: uuid('office_id')
			.notNull()
			.references(() => offices.id, { onDelete: 'cascade' }),
		fromSlotId: uuid('from_slot_id').references(() => slots.id, { onDelete: 'set null' }),
		toSlotId: uuid('to_slot_id').references(() => slots.id, { onDelete: 'set null' }),
		/** Who did it: the applicant or a staff member. */
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		actorRole: text('actor_role').notNull(),
		/** For a special reschedule: system_failure, illness or force_majeure. */
		category: text('category'),
		/** Required for staff's changes (no-show, special reschedule, cancel). */
		reason: text('reason'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		index('booking_changes_application_idx').on(table.applicationId, table.kind),
		index('booking_changes_booking_idx').on(table.bookingId),
		check(
			'booking_changes_staff_reason',
			sql`(${table.kind} not in ('no_show', 'special_reschedule') and ${table.actorRole} = 'applicant') or length(trim(coalesce(${table.reason}, ''))) > 0`
		)
	]
);
