import { sql } from 'drizzle-orm';
import {
	customType,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import type { JWK } from 'jose';
import type { StoredPrivateKey } from '../../receipts/sealed-key';
import { users } from './accounts';
import { applications } from './applications';
import { bookings } from './booking';
import { offices } from './offices';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea'
});

/**
 * One billing code per hold (each application pays its own PNBP, as the state bills each
 * applicant): 15 digits, for the fee of the application's passport on the day it was held,
 * payable until the hold's deadline.
 */
export const billingCodes = pgTable(
	'billing_codes',
	{
		code: text('code').primaryKey(),
		bookingId: uuid('booking_id')
			.notNull()
			.unique()
			.references(() => bookings.id, { onDelete: 'cascade' }),
		applicationId: uuid('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		accountId: uuid('account_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Rupiah, whole. */
		amount: integer('amount').notNull(),
		regulation: text('regulation').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		paidAt: timestamp('paid_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('billing_codes_account_idx').on(table.accountId)]
);

export const paymentOutcome = pgEnum('payment_outcome', ['paid', 'late']);

/**
 * Every payment event the provider delivered and we accepted, by the provider's event id,
 * written in the same transaction as its effect: a redelivered event finds its row and
 * changes nothing. Rejected events (bad signature, wrong amount, …) are logged, not stored.
 */
export const paymentEvents = pgTable(
	'payment_events',
	{
		eventId: text('event_id').primaryKey(),
		billingCode: text('billing_code')
			.notNull()
			.references(() => billingCodes.code, { onDelete: 'cascade' }),
		amount: integer('amount').notNull(),
		channel: text('channel').notNull(),
		paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
		outcome: paymentOutcome('outcome').notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('payment_events_billing_code_idx').on(table.billingCode)]
);

/**
 * Money that arrived for a hold that had already ended: the seat is gone, so the office
 * settles it with the person (a new booking or the PNBP refund procedure). Open until settled.
 */
export const paymentFlags = pgTable(
	'payment_flags',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		eventId: text('event_id')
			.notNull()
			.unique()
			.references(() => paymentEvents.eventId, { onDelete: 'cascade' }),
		applicationId: uuid('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		accountId: uuid('account_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		bookingId: uuid('booking_id')
			.notNull()
			.references(() => bookings.id, { onDelete: 'cascade' }),
		officeId: uuid('office_id')
			.notNull()
			.references(() => offices.id, { onDelete: 'cascade' }),
		reason: text('reason').notNull(),
		amount: integer('amount').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		settledAt: timestamp('settled_at', { withTimezone: true }),
		settledBy: uuid('settled_by').references(() => users.id, { onDelete: 'set null' })
	},
	(table) => [
		index('payment_flags_office_open_idx')
			.on(table.officeId)
			.where(sql`${table.settledAt} is null`),
		index('payment_flags_account_idx').on(table.accountId)
	]
);

/**
 * Receipt signing keys (ES256). The newest unretired key signs; every key stays published in
 * the JWKS so receipts signed before a rotation keep verifying until they expire.
 */
export const receiptKeys = pgTable('receipt_keys', {
	kid: text('kid').primaryKey(),
	publicJwk: jsonb('public_jwk').$type<JWK>().notNull(),
	/** Sealed with RECEIPT_KEY_SECRET (see receipts/sealed-key.ts); older rows may be plain. */
	privateJwk: jsonb('private_jwk').$type<StoredPrivateKey>().notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	/** Set when a newer key took over signing; the key is still published. */
	retiredAt: timestamp('retired_at', { withTimezone: true })
});

/** Signed receipts; one live (unrevoked) per application, the token as shown in the QR. */
export const receipts = pgTable(
	'receipts',
	{
		id: text('id').primaryKey(),
		applicationId: uuid('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		bookingId: uuid('booking_id')
			.notNull()
			.references(() => bookings.id, { onDelete: 'cascade' }),
		kid: text('kid')
			.notNull()
			.references(() => receiptKeys.kid, { onDelete: 'restrict' }),
		token: text('token').notNull(),
		issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(table) => [
		uniqueIndex('receipts_one_live_per_application')
			.on(table.applicationId)
			.where(sql`${table.revokedAt} is null`),
		index('receipts_booking_idx').on(table.bookingId)
	]
);

/** The Surat Pengantar of a receipt, rendered by the letters worker. */
export const letters = pgTable('letters', {
	receiptId: text('receipt_id')
		.primaryKey()
		.references(() => receipts.id, { onDelete: 'cascade' }),
	bookingId: uuid('booking_id')
		.notNull()
		.references(() => bookings.id, { onDelete: 'cascade' }),
	pdf: bytea('pdf').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
