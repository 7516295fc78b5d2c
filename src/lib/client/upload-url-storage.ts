import type { PreviousUpload, UrlStorage } from 'tus-js-client';
import type { LancarDatabase, LocalDocument } from './db';

/**
 * tus-js-client's memory of upload URLs, kept in each document's Dexie row, so an upload resumes
 * after the tab, the app or the phone was closed. The fingerprint is the document id.
 */
export class DocumentUrlStorage implements UrlStorage {
	constructor(
		private readonly db: LancarDatabase,
		/** The server's URL for a document's upload (the upload id is the document id). */
		private readonly uploadUrlOf: (documentId: string) => string
	) {}

	private previous(document: LocalDocument): PreviousUpload[] {
		// A document whose upload began may have lost its URL (the tab died before the write); its
		// URL is known anyway, and a HEAD there tells whether the server holds any of it.
		const uploadUrl =
			document.uploadUrl ??
			(document.status === 'uploading' ? this.uploadUrlOf(document.id) : null);
		if (!uploadUrl) return [];
		return [
			{
				size: document.size,
				metadata: {},
				creationTime: new Date(document.createdAt).toISOString(),
				urlStorageKey: document.id,
				uploadUrl,
				parallelUploadUrls: null
			}
		];
	}

	async findAllUploads(): Promise<PreviousUpload[]> {
		const documents = await this.db.documents.filter((document) => !!document.uploadUrl).toArray();
		return documents.flatMap((document) => this.previous(document));
	}

	async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
		const document = await this.db.documents.get(fingerprint);
		return document ? this.previous(document) : [];
	}

	async removeUpload(urlStorageKey: string): Promise<void> {
		await this.db.documents.update(urlStorageKey, { uploadUrl: null });
	}

	async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
		await this.db.documents.update(fingerprint, { uploadUrl: upload.uploadUrl });
		return fingerprint;
	}
}
