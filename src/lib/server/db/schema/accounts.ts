import { sql } from 'drizzle-orm';
import {
	boolean,
	date,
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
import { offices } from './offices';

/** staff and office_admin belong to one office; admin runs the whole system. */
export const userRole = pgEnum('user_role', ['applicant', 'staff', 'office_admin', 'admin']);
export const sexEnum = pgEnum('sex', ['M', 'F']);
export const maritalStatusEnum = pgEnum('marital_status', [
	'single',
	'married',
	'divorced',
	'widowed'
]);
export const emailCodePurpose = pgEnum('email_code_purpose', ['verify_email', 'reset_password']);

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
};

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		email: text('email').notNull(),
		fullName: text('full_name').notNull(),
		phone: text('phone').notNull(),
		// Staff and admin accounts are created without one; applicants always give it.
		birthDate: date('birth_date', { mode: 'string' }),
		passwordHash: text('password_hash').notNull(),
		role: userRole('role').notNull().default('applicant'),
		officeId: uuid('office_id').references(() => offices.id, { onDelete: 'restrict' }),
		locale: text('locale').notNull().default('id'),
		emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
		passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
		/** A deactivated account keeps its history but can no longer sign in. */
		deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
		deactivatedBy: uuid('deactivated_by'),
		...timestamps
	},
	(table) => [
		uniqueIndex('users_email_unique').on(sql`lower(${table.email})`),
		index('users_office_idx').on(table.officeId)
	]
);

export const sessions = pgTable(
	'sessions',
	{
		// SHA-256 of the cookie token: a database leak does not hand out live sessions.
		tokenHash: text('token_hash').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		userAgent: text('user_agent'),
		ip: text('ip')
	},
	(table) => [index('sessions_user_idx').on(table.userId)]
);

export const emailCodes = pgTable(
	'email_codes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		purpose: emailCodePurpose('purpose').notNull(),
		codeHash: text('code_hash').notNull(),
		attempts: integer('attempts').notNull().default(0),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('email_codes_user_purpose_idx').on(table.userId, table.purpose)]
);

export const applicants = pgTable(
	'applicants',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		accountId: uuid('account_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		isAccountHolder: boolean('is_account_holder').notNull().default(false),
		nik: text('nik').notNull(),
		fullName: text('full_name').notNull(),
		birthPlace: text('birth_place').notNull(),
		birthDate: date('birth_date', { mode: 'string' }).notNull(),
		sex: sexEnum('sex').notNull(),
		maritalStatus: maritalStatusEnum('marital_status').notNull(),
		occupation: text('occupation').notNull(),
		provinceCode: text('province_code').notNull(),
		regency: text('regency').notNull(),
		district: text('district').notNull(),
		address: text('address').notNull(),
		phone: text('phone').notNull(),
		email: text('email'),
		motherName: text('mother_name').notNull(),
		fatherName: text('father_name').notNull(),
		version: integer('version').notNull().default(1),
		/** Field name → the record version that last changed it, for per-field conflicts. */
		fieldVersions: jsonb('field_versions').$type<Record<string, number>>().notNull().default({}),
		...timestamps
	},
	(table) => [
		uniqueIndex('applicants_account_nik_unique').on(table.accountId, table.nik),
		index('applicants_account_idx').on(table.accountId)
	]
);

/** Development mailbox: what would have been emailed, readable at /dev/mail. */
export const devMail = pgTable(
	'dev_mail',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		to: text('to').notNull(),
		subject: text('subject').notNull(),
		text: text('text').notNull(),
		html: text('html'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('dev_mail_to_idx').on(table.to)]
);
