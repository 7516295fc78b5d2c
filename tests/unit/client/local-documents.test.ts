import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { localDb, type LocalDocument } from '../../../src/lib/client/db';
import { prepareDocumentFile } from '../../../src/lib/client/prepare-document';
import { DocumentUrlStorage } from '../../../src/lib/client/upload-url-storage';
import {
	addDocument,
	DocumentError,
	uploadPendingDocuments,
	type UploadTransport
} from '../../../src/lib/client/uploads';

const ACCOUNT = randomUUID();
// Nothing may reach this: every test here keeps its application unknown to the server.
const offline: UploadTransport = { endpoint: 'http://127.0.0.1:9/api/uploads' };
const pdf = () => new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' });

async function application(serverVersion: number) {
	const id = randomUUID();
	await localDb().applications.put({
		id,
		accountId: ACCOUNT,
		applicantId: randomUUID(),
		form: {},
		status: 'draft',
		number: null,
		submittedAt: null,
		serverVersion,
		pendingFields: [],
		createdAt: Date.now(),
		updatedAt: Date.now()
	});
	return id;
}

async function refusalKey(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => null,
		(failure: unknown) => failure
	);
	expect(error).toBeInstanceOf(DocumentError);
	return (error as DocumentError).key;
}

beforeEach(async () => {
	await localDb().documents.clear();
	await localDb().applications.clear();
});

describe('preparing a picked file', () => {
	it('keeps a PDF as it is, even when the phone did not say it is one', async () => {
		const unlabelled = new Blob(['%PDF-1.7\n...%%EOF']);
		const prepared = await prepareDocumentFile(unlabelled);
		expect(prepared.mimeType).toBe('application/pdf');
		expect(prepared.thumbnail).toBeNull();
		expect(await prepared.blob.text()).toBe('%PDF-1.7\n...%%EOF');
	});

	it('refuses files that are neither an image nor a PDF, whatever their name', async () => {
		const text = new File(['Nama: Siti'], 'ktp.jpg', { type: 'text/plain' });
		expect(await refusalKey(prepareDocumentFile(text))).toBe('document_type_not_allowed');
		expect(await refusalKey(prepareDocumentFile(new Blob([])))).toBe('document_empty');
	});

	it('refuses an image this device cannot decode', async () => {
		const broken = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], {
			type: 'image/jpeg'
		});
		expect(await refusalKey(prepareDocumentFile(broken))).toBe('document_unreadable');
	});
});

describe('addDocument', () => {
	it('stores the document on the device, waiting while the server lacks its application', async () => {
		const applicationId = await application(0);
		const file = new File([await pdf().arrayBuffer()], 'C:\\scan\\ijazah.pdf', {
			type: 'application/pdf'
		});
		const added = await addDocument(
			{ accountId: ACCOUNT, applicationId, docType: 'ijazah', file },
			offline
		);
		const stored = await localDb().documents.get(added.id);
		expect(stored).toMatchObject({
			accountId: ACCOUNT,
			applicationId,
			docType: 'ijazah',
			fileName: 'ijazah.pdf',
			mimeType: 'application/pdf',
			status: 'stored',
			uploadUrl: null,
			bytesUploaded: 0,
			error: null
		});
		expect(stored!.size).toBe(file.size);
		expect(await uploadPendingDocuments(ACCOUNT, offline)).toEqual({
			uploaded: 0,
			rejected: 0,
			failed: 0,
			waiting: 1
		});
	});

	it('drops an earlier version that never left the device, keeps an uploaded one', async () => {
		const applicationId = await application(0);
		const add = () =>
			addDocument({ accountId: ACCOUNT, applicationId, docType: 'ktp', file: pdf() }, offline);
		const first = await add();
		await localDb().documents.update(first.id, { status: 'uploaded' });
		const second = await add();
		const third = await add();
		const ids = (await localDb().documents.toArray()).map((document) => document.id).sort();
		expect(ids).toEqual([first.id, third.id].sort());
		expect(ids).not.toContain(second.id);
	});

	it('says the phone is full when IndexedDB runs out of space', async () => {
		const applicationId = await application(0);
		const full = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		localDb().documents.hook('creating', full);
		try {
			const key = await refusalKey(
				addDocument({ accountId: ACCOUNT, applicationId, docType: 'ktp', file: pdf() }, offline)
			);
			expect(key).toBe('document_storage_full');
		} finally {
			localDb().documents.hook('creating').unsubscribe(full);
		}
		expect(await localDb().documents.count()).toBe(0);
	});
});

describe('DocumentUrlStorage', () => {
	const urlOf = (id: string) => `https://lancar.example.id/api/uploads/${id}`;

	async function storedDocument(changes: Partial<LocalDocument> = {}) {
		const document: LocalDocument = {
			id: randomUUID(),
			accountId: ACCOUNT,
			applicationId: randomUUID(),
			docType: 'ktp',
			blob: pdf(),
			thumbnail: null,
			fileName: 'ktp.pdf',
			mimeType: 'application/pdf',
			size: 15,
			status: 'stored',
			uploadUrl: null,
			bytesUploaded: 0,
			error: null,
			createdAt: Date.now(),
			...changes
		};
		await localDb().documents.put(document);
		return document;
	}

	it('keeps the upload URL in the document row, across restarts of the app', async () => {
		const storage = new DocumentUrlStorage(localDb(), urlOf);
		const document = await storedDocument();
		expect(await storage.findUploadsByFingerprint(document.id)).toEqual([]);
		const key = await storage.addUpload(document.id, {
			size: 15,
			metadata: {},
			creationTime: '',
			urlStorageKey: '',
			uploadUrl: 'https://lancar.example.id/api/uploads/x',
			parallelUploadUrls: null
		});
		expect(key).toBe(document.id);
		// A new storage object, as after the app was closed and opened again.
		const reopened = new DocumentUrlStorage(localDb(), urlOf);
		expect(await reopened.findUploadsByFingerprint(document.id)).toEqual([
			expect.objectContaining({
				uploadUrl: 'https://lancar.example.id/api/uploads/x',
				urlStorageKey: document.id,
				size: 15
			})
		]);
		expect(await reopened.findAllUploads()).toHaveLength(1);
		await reopened.removeUpload(document.id);
		expect((await localDb().documents.get(document.id))!.uploadUrl).toBeNull();
	});

	it('knows where a started upload lives even when its URL was never written', async () => {
		const storage = new DocumentUrlStorage(localDb(), urlOf);
		const document = await storedDocument({ status: 'uploading' });
		expect((await storage.findUploadsByFingerprint(document.id))[0]?.uploadUrl).toBe(
			urlOf(document.id)
		);
	});
});
