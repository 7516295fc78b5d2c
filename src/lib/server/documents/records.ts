import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { applicationDocuments, applications } from '../db/schema';
import { AppError } from '../errors';

/** Documents can be added or replaced only before booking: later the office relies on them. */
export const DOCUMENT_EDITABLE_STATUSES = ['draft', 'submitted'] as const;

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

export type DocumentRow = typeof applicationDocuments.$inferSelect;

/** What the owner's devices see of a document: never the storage key. */
export interface DocumentSummary {
	id: string;
	applicationId: string;
	docType: string;
	mimeType: string;
	sizeBytes: number;
	width: number | null;
	height: number | null;
	sha256: string;
	originalName: string;
	bytesReceived: number;
	createdAt: Date;
}

export function summarise(row: DocumentRow): DocumentSummary {
	return {
		id: row.id,
		applicationId: row.applicationId,
		docType: row.docType,
		mimeType: row.mimeType,
		sizeBytes: row.sizeBytes,
		width: row.width,
		height: row.height,
		sha256: row.sha256,
		originalName: row.originalName,
		bytesReceived: row.bytesReceived,
		createdAt: row.createdAt
	};
}

/** The application, if this account owns it; another account's reads as "not found". */
export async function ownedApplication(db: Db | Transaction, accountId: string, id: string) {
	const [application] = await db
		.select({ id: applications.id, status: applications.status })
		.from(applications)
		.where(and(eq(applications.id, id), eq(applications.accountId, accountId)));
	return application ?? null;
}

/** Refuses unless the account owns the application and it still takes documents. */
export async function assertApplicationTakesDocuments(
	db: Db | Transaction,
	accountId: string,
	applicationId: string,
	options: { lock?: boolean } = {}
): Promise<void> {
	const query = db
		.select({ status: applications.status })
		.from(applications)
		.where(and(eq(applications.id, applicationId), eq(applications.accountId, accountId)));
	const [application] = options.lock ? await query.for('update') : await query;
	if (!application) throw new AppError('document_application_not_found', 'NOT_FOUND');
	if (!(DOCUMENT_EDITABLE_STATUSES as readonly string[]).includes(application.status)) {
		throw new AppError('document_application_locked', 'CONFLICT');
	}
}

export interface NewDocument {
	id: string;
	accountId: string;
	applicationId: string;
	docType: string;
	storageKey: string;
	mimeType: string;
	sizeBytes: number;
	width: number | null;
	height: number | null;
	sha256: string;
	originalName: string;
	bytesReceived: number;
}

export interface RecordedDocument {
	document: DocumentRow;
	/** False when this id was recorded before (a retried upload): nothing changed. */
	created: boolean;
	/** Files of the documents this one replaced, for the caller to delete after the commit. */
	replacedStorageKeys: string[];
}

/**
 * Makes the document the current one for its application and type, idempotently by id. The
 * application row is locked first, so concurrent finishes for one application run one at a time.
 */
export async function recordDocument(db: Db, input: NewDocument): Promise<RecordedDocument> {
	return db.transaction(async (tx) => {
		await assertApplicationTakesDocuments(tx, input.accountId, input.applicationId, {
			lock: true
		});
		const [existing] = await tx
			.select()
			.from(applicationDocuments)
			.where(eq(applicationDocuments.id, input.id));
		if (existing) {
			if (existing.accountId !== input.accountId) {
				throw new AppError('document_not_found', 'NOT_FOUND');
			}
			return { document: existing, created: false, replacedStorageKeys: [] };
		}
		const replaced = await tx
			.update(applicationDocuments)
			.set({ replacedAt: sql`now()` })
			.where(
				and(
					eq(applicationDocuments.applicationId, input.applicationId),
					eq(applicationDocuments.docType, input.docType),
					isNull(applicationDocuments.replacedAt)
				)
			)
			.returning({ storageKey: applicationDocuments.storageKey });
		const [document] = await tx.insert(applicationDocuments).values(input).returning();
		return {
			document: document!,
			created: true,
			replacedStorageKeys: replaced.map((row) => row.storageKey)
		};
	});
}

/** A document by id, whatever its state, if this account owns it. */
export async function findOwnedDocument(
	db: Db,
	accountId: string,
	id: string
): Promise<DocumentRow | null> {
	const [row] = await db
		.select()
		.from(applicationDocuments)
		.where(and(eq(applicationDocuments.id, id), eq(applicationDocuments.accountId, accountId)));
	return row ?? null;
}

/** Any account's document by id: only to refuse a second account reusing someone's id. */
export async function documentOwner(db: Db, id: string): Promise<string | null> {
	const [row] = await db
		.select({ accountId: applicationDocuments.accountId })
		.from(applicationDocuments)
		.where(eq(applicationDocuments.id, id));
	return row?.accountId ?? null;
}

/** The bytes-received total recorded for a finished upload, or null when there is no row. */
export async function recordedBytesReceived(db: Db, id: string): Promise<number | null> {
	const [row] = await db
		.select({ bytesReceived: applicationDocuments.bytesReceived })
		.from(applicationDocuments)
		.where(eq(applicationDocuments.id, id));
	return row?.bytesReceived ?? null;
}

/** The current documents of an application the account owns. */
export async function listCurrentDocuments(
	db: Db,
	accountId: string,
	applicationId: string
): Promise<DocumentSummary[]> {
	if (!(await ownedApplication(db, accountId, applicationId))) {
		throw new AppError('document_application_not_found', 'NOT_FOUND');
	}
	const rows = await db
		.select()
		.from(applicationDocuments)
		.where(
			and(
				eq(applicationDocuments.applicationId, applicationId),
				eq(applicationDocuments.accountId, accountId),
				isNull(applicationDocuments.replacedAt)
			)
		)
		.orderBy(applicationDocuments.createdAt);
	return rows.map(summarise);
}

/**
 * Withdraws a current document (for example, the person switched to another "one of" type).
 * Returns the storage key whose file the caller deletes, or null when there was nothing to do,
 * so a repeated call is harmless.
 */
export async function withdrawDocument(
	db: Db,
	accountId: string,
	id: string
): Promise<string | null> {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(applicationDocuments)
			.where(and(eq(applicationDocuments.id, id), eq(applicationDocuments.accountId, accountId)));
		if (!row) throw new AppError('document_not_found', 'NOT_FOUND');
		if (row.replacedAt) return null;
		await assertApplicationTakesDocuments(tx, accountId, row.applicationId, { lock: true });
		const [withdrawn] = await tx
			.update(applicationDocuments)
			.set({ replacedAt: sql`now()` })
			.where(and(eq(applicationDocuments.id, id), isNull(applicationDocuments.replacedAt)))
			.returning({ storageKey: applicationDocuments.storageKey });
		return withdrawn?.storageKey ?? null;
	});
}
