import { sql } from 'drizzle-orm';
import {
	bigint,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { applications } from './applications';

/**
 * A document scan or photo attached to an application. The id is the browser's uuid, so a
 * retried upload finds its row instead of making a second one. A replacement sets
 * `replaced_at` on the old row (whose file is deleted) and becomes the one current row for its
 * application and document type.
 */
export const applicationDocuments = pgTable(
	'application_documents',
	{
		id: uuid('id').primaryKey(),
		accountId: uuid('account_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		applicationId: uuid('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		docType: text('doc_type').notNull(),
		/** Server-generated name in document storage; never derived from the client's file name. */
		storageKey: text('storage_key').notNull().unique(),
		/** Detected from the bytes, not taken from the client. */
		mimeType: text('mime_type').notNull(),
		sizeBytes: integer('size_bytes').notNull(),
		width: integer('width'),
		height: integer('height'),
		sha256: text('sha256').notNull(),
		/** Sanitised, for display only. */
		originalName: text('original_name').notNull().default(''),
		/** Bytes that actually reached the server for this upload, resumed attempts included. */
		bytesReceived: bigint('bytes_received', { mode: 'number' }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		replacedAt: timestamp('replaced_at', { withTimezone: true })
	},
	(table) => [
		index('application_documents_account_idx').on(table.accountId),
		uniqueIndex('application_documents_one_current')
			.on(table.applicationId, table.docType)
			.where(sql`${table.replacedAt} is null`)
	]
);
