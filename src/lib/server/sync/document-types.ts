import { and, eq, isNull } from 'drizzle-orm';
import { isDocumentType, type DocumentType } from '../../domain/documents';
import type { Db } from '../db/client';
import { applicationDocuments } from '../db/schema';

/** The types of the application's current (uploaded, not replaced) documents. */
export async function currentDocumentTypes(tx: Db, applicationId: string): Promise<DocumentType[]> {
	const rows = await tx
		.select({ docType: applicationDocuments.docType })
		.from(applicationDocuments)
		.where(
			and(
				eq(applicationDocuments.applicationId, applicationId),
				isNull(applicationDocuments.replacedAt)
			)
		);
	return rows.map((row) => row.docType).filter(isDocumentType);
}
