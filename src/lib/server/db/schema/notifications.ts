import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import type { NoticeParams } from '../../../domain/notices';
import { users } from './accounts';
import { passportTypeEnum, quotaReleases } from './booking';
import { offices } from './offices';

/**
 * "Tell me when quota opens": one row per person, office and passport type. A null passport
 * type means any type the office releases.
 */
export const quotaSubscriptions = pgTable(
	'quota_subscriptions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		officeId: uuid('office_id')
			.notNull()
			.references(() => offices.id, { onDelete: 'cascade' }),
		passportType: passportTypeEnum('passport_type'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		unique('quota_subscriptions_once')
			.on(table.userId, table.officeId, table.passportType)
			.nullsNotDistinct(),
		index('quota_subscriptions_office_idx').on(table.officeId)
	]
);

/**
 * A notice told to one person. `dedupeKey` names what it is about (kind, subscription,
 * release), so a retried or doubled job inserts nothing the second time and sends nothing.
 * The text is rendered from `kind` and `params` in the reader's language when shown.
 */
export const notifications = pgTable(
	'notifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		dedupeKey: text('dedupe_key').notNull().unique(),
		releaseId: uuid('release_id').references(() => quotaReleases.id, { onDelete: 'cascade' }),
		subscriptionId: uuid('subscription_id').references(() => quotaSubscriptions.id, {
			onDelete: 'set null'
		}),
		/** Same-site path the notice leads to, e.g. the release's waiting room. */
		link: text('link').notNull(),
		params: jsonb('params').$type<NoticeParams>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		readAt: timestamp('read_at', { withTimezone: true }),
		/** Set once the email is on the mail queue (whose job id is the notice id). */
		emailQueuedAt: timestamp('email_queued_at', { withTimezone: true }),
		/** Whether the in-app list shows it: the person's channel choice when it was sent. */
		inApp: boolean('in_app').notNull().default(true)
	},
	(table) => [
		index('notifications_user_idx').on(table.userId, table.createdAt),
		check(
			'notifications_link_same_site',
			sql`${table.link} like '/%' and ${table.link} not like '//%'`
		)
	]
);

/**
 * How a person wants to be told: by email, in the app's list, or both. No row means both
 * (the default); the choice is read when each notice is sent.
 */
export const noticeChannels = pgTable('notice_channels', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	email: boolean('email').notNull().default(true),
	inApp: boolean('in_app').notNull().default(true),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * A browser's Web Push subscription: one row per endpoint (the push service's address for that
 * browser), so subscribing the same device again updates its keys instead of adding a twin.
 * A 404/410 from the push service deletes the row; the failure time is kept for others.
 */
export const pushSubscriptions = pgTable(
	'push_subscriptions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		endpoint: text('endpoint').notNull().unique(),
		p256dh: text('p256dh').notNull(),
		auth: text('auth').notNull(),
		userAgent: text('user_agent'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
		lastFailureAt: timestamp('last_failure_at', { withTimezone: true })
	},
	(table) => [index('push_subscriptions_user_idx').on(table.userId)]
);

/**
 * One row per notice and subscription once its push was accepted by the push service, so a
 * retried job or a second worker never pushes the same notice to the same device twice.
 */
export const pushDeliveries = pgTable(
	'push_deliveries',
	{
		notificationId: uuid('notification_id')
			.notNull()
			.references(() => notifications.id, { onDelete: 'cascade' }),
		subscriptionId: uuid('subscription_id')
			.notNull()
			.references(() => pushSubscriptions.id, { onDelete: 'cascade' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.notificationId, table.subscriptionId] })]
);
