import { isDocumentType } from '../domain/documents';
import { elementCanvas, offscreenCanvas, thumbnailOf } from './compress-image';
import { localDb, type LocalDocument } from './db';

/** A current document as the server lists it (documents.list). */
export interface ServerDocument {
	id: string;
	applicationId: string;
	docType: string;
	mimeType: string;
	sizeBytes: number;
	originalName: string;
	createdAt: Date | string;
}

export interface ServerDocumentSource {
	list(applicationId: string): Promise<ServerDocument[]>;
	/** The bytes, from GET /api/documents/[id]. */
	download(id: string): Promise<Blob>;
}

async function thumbnailFor(blob: Blob, mimeType: string): Promise<Blob | null> {
	if (!mimeType.startsWith('image/') || typeof createImageBitmap === 'undefined') return null;
	try {
		return await thumbnailOf(
			blob,
			typeof OffscreenCanvas === 'undefined' ? elementCanvas : offscreenCanvas
		);
	} catch {
		return null;
	}
}

/**
 * Brings an application's current documents onto this device (a second phone, a reinstall):
 * downloads the ones it lacks, and drops uploaded ones the server has since replaced. Documents
 * still waiting to upload here are left alone. Returns how many were downloaded.
 */
export async function pullDocuments(
	accountId: string,
	applicationId: string,
	source: ServerDocumentSource
): Promise<number> {
	const db = localDb();
	const current = (await source.list(applicationId)).filter((document) =>
		isDocumentType(document.docType)
	);
	const currentIds = new Set(current.map((document) => document.id));
	const local = await db.documents.where('applicationId').equals(applicationId).toArray();
	const localIds = new Set(local.map((document) => document.id));

	const replacedElsewhere = local
		.filter((document) => document.status === 'uploaded' && !currentIds.has(document.id))
		.map((document) => document.id);
	await db.documents.bulkDelete(replacedElsewhere);

	let downloaded = 0;
	for (const remote of current) {
		if (localIds.has(remote.id)) continue;
		const blob = await source.download(remote.id);
		const document: LocalDocument = {
			id: remote.id,
			accountId,
			applicationId,
			docType: remote.docType,
			blob,
			thumbnail: await thumbnailFor(blob, remote.mimeType),
			fileName: remote.originalName,
			mimeType: remote.mimeType,
			size: remote.sizeBytes,
			status: 'uploaded',
			uploadUrl: null,
			bytesUploaded: remote.sizeBytes,
			error: null,
			errorDetails: null,
			createdAt: new Date(remote.createdAt).getTime()
		};
		await db.documents.put(document);
		downloaded++;
	}
	return downloaded;
}

/** The browser's source: the tRPC list and the owner-only download route. */
export function serverDocumentSource(
	list: (applicationId: string) => Promise<{ documents: ServerDocument[] }>
): ServerDocumentSource {
	return {
		list: async (applicationId) => (await list(applicationId)).documents,
		async download(id) {
			const response = await fetch(`/api/documents/${id}`, { credentials: 'same-origin' });
			if (!response.ok) throw new Error(`download of document ${id} failed: ${response.status}`);
			return response.blob();
		}
	};
}
