import { sql } from 'drizzle-orm';
import {
	check,
	date,
	index,
	integer,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { DEFAULT_PRIORITY_DAILY_QUOTA } from '../../../domain/office-floor';
import { users } from './accounts';
import { bookings } from './booking';
import { offices } from './offices';

/**
 * One row per office: its floor settings, and `boardVersion`, bumped by every change on the
 * floor. Every floor transaction updates this row first, so changes of one office happen one at
 * a time and the board states they publish are numbered in the order they happened.
 */
export const officeFloor = pgTable(
	'office_floor',
	{
		officeId: uuid('office_id')
			.primaryKey()
			.references(() => offices.id, { onDelete: 'cascade' }),
		/** Walk-in priority numbers an office gives out per day. */
		priorityDailyQuota: integer('priority_daily_quota')
			.notNull()
			.default(DEFAULT_PRIORITY_DAILY_QUOTA),
		boardVersion: integer('board_version').notNull().default(0)
	},
	(table) => [check('office_floor_quota_range', sql`${table.priorityDailyQuota} between 0 and 999`)]
);

/** The last queue number given out per office, office-local day and series (A, P). */
export const queueCounters = pgTable(
	'queue_counters',
	{
		officeId: uuid('office_id')
			.notNull()
			.references(() => offices.id, { onDelete: 'cascade' }),
		date: date('date', { mode: 'string' }).notNull(),
		series: text('series').notNull(),
		lastNumber: integer('last_number').notNull()
	},
	(table) => [primaryKey({ columns: [table.officeId, table.date, table.series] })]
);

export const ticketStatus = pgEnum('queue_ticket_status', [
	'waiting',
	'called',
	'done',
	'no_show',
	'skipped'
]);

export const walkInReason = pgEnum('walk_in_reason', [
	'elderly',
	'pregnant',
	'disabled',
	'small_children'
]);

/**
 * A queue number: a checked-in booking (series A) or a walk-in priority visitor (series P).
 * Its row is the booking's "arrived" mark: one per booking, ever.
 */
export const queueTickets = pgTable(
	'queue_tickets',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		officeId: uuid('office_id')
			.notNull()
			.references(() => offices.id, { onDelete: 'cascade' }),
		date: date('date', { mode: 'string' }).notNull(),
		series: text('series').notNull(),
		number: integer('number').notNull(),
		/** What the hall sees, e.g. A-017. */
		label: text('label').notNull(),
		bookingId: uuid('booking_id').references(() => bookings.id, { onDelete: 'set null' }),
		walkInReason: walkInReason('walk_in_reason'),
		status: ticketStatus('status').notNull().default('waiting'),
		// The counter that called it; no foreign key, as counters already point at their ticket.
		counterId: uuid('counter_id'),
		issuedBy: uuid('issued_by').references(() => users.id, { onDelete: 'set null' }),
		issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
		calledAt: timestamp('called_at', { withTimezone: true }),
		recalls: integer('recalls').notNull().default(0),
		endedAt: timestamp('ended_at', { withTimezone: true })
	},
	(table) => [
		uniqueIndex('queue_tickets_number_unique').on(
			table.officeId,
			table.date,
			table.series,
			table.number
		),
		uniqueIndex('queue_tickets_booking_unique').on(table.bookingId),
		index('queue_tickets_waiting_idx')
			.on(table.officeId, table.date, table.series, table.number)
			.where(sql`${table.status} = 'waiting'`)
	]
);

/** A service counter (loket) a staff member has opened for the day. */
export const serviceCounters = pgTable(
	'service_counters',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		officeId: uuid('office_id')
			.notNull()
			.references(() => offices.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		name: text('name').notNull(),
		openedBy: uuid('opened_by').references(() => users.id, { onDelete: 'set null' }),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		currentTicketId: uuid('current_ticket_id').references(() => queueTickets.id, {
			onDelete: 'set null'
		})
	},
	(table) => [
		uniqueIndex('service_counters_open_number_unique')
			.on(table.officeId, table.number)
			.where(sql`${table.closedAt} is null`),
		check('service_counters_number_range', sql`${table.number} between 1 and 99`)
	]
);

export const serviceStep = pgEnum('service_step', [
	'document_check',
	'photo_fingerprints',
	'interview'
]);

/** The service steps a ticket went through at a counter, with their times. */
export const serviceSteps = pgTable(
	'service_steps',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		ticketId: uuid('ticket_id')
			.notNull()
			.references(() => queueTickets.id, { onDelete: 'cascade' }),
		counterId: uuid('counter_id')
			.notNull()
			.references(() => serviceCounters.id, { onDelete: 'cascade' }),
		step: serviceStep('step').notNull(),
		staffId: uuid('staff_id').references(() => users.id, { onDelete: 'set null' }),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
		endedAt: timestamp('ended_at', { withTimezone: true })
	},
	(table) => [index('service_steps_ticket_idx').on(table.ticketId)]
);
