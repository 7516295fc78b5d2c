import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { offices } from './offices';

export const officeRole = pgEnum('office_role', ['staff', 'office_admin']);

/**
 * An invitation to join one office's staff. Only the SHA-256 of the emailed token is kept, so
 * a database leak hands out no usable links. Each row records who did what and when.
 */
export const staffInvites = pgTable(
	'staff_invites',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		officeId: uuid('office_id')
			.notNull()
			.references(() => offices.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		role: officeRole('role').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		invitedBy: uuid('invited_by')
			.notNull()
			.references(() => users.id, { onDelete: 'restrict' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		acceptedUserId: uuid('accepted_user_id').references(() => users.id, { onDelete: 'set null' }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' })
	},
	(table) => [
		index('staff_invites_office_idx').on(table.officeId, table.createdAt),
		// One open invite per address and office: inviting again replaces the old link.
		uniqueIndex('staff_invites_open_unique')
			.on(table.officeId, sql`lower(${table.email})`)
			.where(sql`${table.acceptedAt} is null and ${table.revokedAt} is null`)
	]
);
