import path from 'node:path';
import { config } from '../config';
import { LocalDocumentStorage } from './local-storage';
import { S3DocumentStorage } from './s3-storage';
import type { DocumentStorage } from './storage';

/** Partial tus uploads and (with local storage) finished documents, both under UPLOAD_DIR. */
export function uploadFolders(): { partial: string; documents: string } {
	const root = path.resolve(config().UPLOAD_DIR);
	return { partial: path.join(root, 'partial'), documents: path.join(root, 'documents') };
}

let storage: DocumentStorage | undefined;

/** The configured document storage: a local folder, or an S3-compatible bucket. */
export function documentStorage(): DocumentStorage {
	if (storage) return storage;
	const settings = config();
	if (settings.DOCUMENT_STORAGE === 's3') {
		storage = new S3DocumentStorage({
			// parseConfig refuses DOCUMENT_STORAGE=s3 without these.
			endpoint: settings.S3_ENDPOINT!,
			region: settings.S3_REGION,
			bucket: settings.S3_BUCKET!,
			accessKeyId: settings.S3_ACCESS_KEY_ID!,
			secretAccessKey: settings.S3_SECRET_ACCESS_KEY!,
			forcePathStyle: settings.S3_FORCE_PATH_STYLE,
			prefix: 'documents'
		});
	} else {
		storage = new LocalDocumentStorage(uploadFolders().documents);
	}
	return storage;
}
