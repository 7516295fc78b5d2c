import type { DocumentType } from '../../domain/documents';
import type { Db } from '../db/client';

// TODO(documents branch): read the current rows of application_documents once it merges.
export async function currentDocumentTypes(
	_tx: Db,
	_applicationId: string
): Promise<DocumentType[]> {
	return [];
}
