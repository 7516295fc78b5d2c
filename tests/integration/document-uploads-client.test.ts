import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDb, type LocalDocument } from '../../src/lib/client/db';
import { pullDocuments } from '../../src/lib/client/document-pull';
import {
	addDocument,
	uploadPendingDocuments,
	type UploadTransport
} from '../../src/lib/client/uploads';
import { db } from '../../src/lib/server/db';
import { applicationDocuments, applications } from '../../src/lib/server/db/schema';
import { uploadBytesReceived } from '../../src/lib/server/documents/uploads';
import { blobFileReader } from '../support/blob-file-reader';
import { giantPngHeader, minimalPdf, noisePng } from '../support/sample-files';
import { startUploadServer, type UploadServer } from '../support/upload-server';
import { childProfile, signedInApplicant } from './harness';

// The browser's upload code (src/lib/client/uploads.ts) on fake-indexeddb, against the real
// tus endpoint over HTTP. Node lacks only the browser's Blob reader and its cookie jar.

let server: UploadServer;

beforeAll(async () => {
	server = await startUploadServer();
});

afterAll(async () => {
	await server.close();
});

let serial = 0;

async function device() {
	const browser = await signedInApplicant('device');
	const caller = await browser.caller();
	const accountId = (await caller.auth.me())!.id;
	const applicant = await caller.applicants.create(childProfile((serial++ % 5) + 1));
	const applicationId = randomUUID();
	await (
		await db()
	)
		.insert(applications)
		.values({ id: applicationId, accountId, applicantId: applicant.id });
	// As the sync engine leaves it once the server has confirmed the application.
	await localDb().applications.put({
		id: applicationId,
		accountId,
		applicantId: applicant.id,
		form: {},
		status: 'draft',
		number: null,
		submittedAt: null,
		serverVersion: 1,
		pendingFields: [],
		createdAt: Date.now(),
		updatedAt: Date.now()
	});
	const transport: UploadTransport = {
		endpoint: `${server.origin}/api/uploads`,
		headers: { Cookie: `lancar_session=${browser.token}` },
		fileReader: blobFileReader
	};
	return { caller, accountId, applicationId, transport, cookie: `lancar_session=${browser.token}` };
}

function storedDocument(
	owner: { accountId: string; applicationId: string },
	bytes: Buffer,
	mimeType: string,
	changes: Partial<LocalDocument> = {}
): LocalDocument {
	return {
		id: randomUUID(),
		accountId: owner.accountId,
		applicationId: owner.applicationId,
		docType: 'ktp',
		blob: new Blob([new Uint8Array(bytes)], { type: mimeType }),
		thumbnail: null,
		fileName: 'ktp',
		mimeType,
		size: bytes.length,
		status: 'stored',
		uploadUrl: null,
		bytesUploaded: 0,
		error: null,
		createdAt: Date.now(),
		...changes
	};
}

/** What an earlier run of the app left on the server: the first `sent` bytes of the file. */
async function partialUpload(
	phone: Awaited<ReturnType<typeof device>>,
	document: LocalDocument,
	bytes: Buffer,
	sent: number
): Promise<string> {
	const created = await fetch(phone.transport.endpoint, {
		method: 'POST',
		headers: {
			'Tus-Resumable': '1.0.0',
			Cookie: phone.cookie,
			'Upload-Length': String(bytes.length),
			'Upload-Metadata': [
				['documentId', document.id],
				['applicationId', document.applicationId],
				['docType', document.docType]
			]
				.map(([key, value]) => `${key} ${Buffer.from(value!).toString('base64')}`)
				.join(',')
		}
	});
	expect(created.status).toBe(201);
	const uploadUrl = new URL(created.headers.get('location')!, server.origin).href;
	for (let from = 0; from < sent; from += 200_000) {
		const to = Math.min(sent, from + 200_000);
		const response = await fetch(uploadUrl, {
			method: 'PATCH',
			headers: {
				'Tus-Resumable': '1.0.0',
				Cookie: phone.cookie,
				'Upload-Offset': String(from),
				'Content-Type': 'application/offset+octet-stream'
			},
			body: new Uint8Array(bytes.subarray(from, to))
		});
		expect(response.status).toBe(204);
	}
	return uploadUrl;
}

describe('uploads from the browser code', () => {
	it('stores a picked PDF on the device, then uploads it', async () => {
		const phone = await device();
		const pdf = minimalPdf(600_000);
		const added = await addDocument(
			{
				accountId: phone.accountId,
				applicationId: phone.applicationId,
				docType: 'kartu_keluarga',
				file: new File([new Uint8Array(pdf)], 'KK keluarga.pdf', { type: 'application/pdf' })
			},
			phone.transport
		);
		const result = await uploadPendingDocuments(phone.accountId, phone.transport);
		expect(result.waiting).toBe(0);

		const local = await localDb().documents.get(added.id);
		expect(local).toMatchObject({ status: 'uploaded', bytesUploaded: pdf.length, error: null });
		expect(local!.uploadUrl).toBe(`${server.origin}/api/uploads/${added.id}`);
		const [row] = await (
			await db()
		)
			.select()
			.from(applicationDocuments)
			.where(eq(applicationDocuments.id, added.id));
		expect(row).toMatchObject({
			docType: 'kartu_keluarga',
			mimeType: 'application/pdf',
			sizeBytes: pdf.length,
			originalName: 'KK keluarga.pdf',
			bytesReceived: pdf.length
		});
	});

	it('resumes after the app was closed midway, sending only the missing bytes', async () => {
		const phone = await device();
		const photo = noisePng(600, 400);
		const document = storedDocument(phone, photo, 'image/png');
		// The app sent the first 300,000 bytes, saved the URL, and was closed.
		const uploadUrl = await partialUpload(phone, document, photo, 300_000);
		await localDb().documents.put({
			...document,
			status: 'uploading',
			uploadUrl,
			bytesUploaded: 300_000
		});

		// Opened again:
		const result = await uploadPendingDocuments(phone.accountId, phone.transport);
		expect(result).toMatchObject({ uploaded: 1, failed: 0 });
		expect((await localDb().documents.get(document.id))!.status).toBe('uploaded');
		expect(await uploadBytesReceived(document.id)).toBe(photo.length);
	});

	it('resumes even when the app died before it could save the upload URL', async () => {
		const phone = await device();
		const photo = noisePng(500, 300);
		const document = storedDocument(phone, photo, 'image/png', { docType: 'ijazah' });
		await partialUpload(phone, document, photo, 150_000);
		await localDb().documents.put({ ...document, status: 'uploading' });
		const result = await uploadPendingDocuments(phone.accountId, phone.transport);
		expect(result.uploaded).toBe(1);
		expect(await uploadBytesReceived(document.id)).toBe(photo.length);
	});

	it('records a refusal with its key and details, and does not retry it', async () => {
		const phone = await device();
		const bomb = storedDocument(phone, giantPngHeader(9000, 9000), 'image/png');
		await localDb().documents.put(bomb);
		const result = await uploadPendingDocuments(phone.accountId, phone.transport);
		expect(result).toMatchObject({ uploaded: 0, rejected: 1, failed: 0 });
		expect(await localDb().documents.get(bomb.id)).toMatchObject({
			status: 'rejected',
			error: 'document_too_many_pixels',
			errorDetails: { maxMegapixels: 40 },
			uploadUrl: null
		});
		expect((await uploadPendingDocuments(phone.accountId, phone.transport)).rejected).toBe(0);
	});

	it('keeps a document for later when the server cannot be reached', async () => {
		const phone = await device();
		const document = storedDocument(phone, minimalPdf(), 'application/pdf');
		await localDb().documents.put(document);
		const unreachable = {
			...phone.transport,
			endpoint: 'http://127.0.0.1:9/api/uploads',
			retryDelaysMs: [0, 10]
		};
		const result = await uploadPendingDocuments(phone.accountId, unreachable);
		expect(result).toMatchObject({ uploaded: 0, rejected: 0, failed: 1 });
		expect(await localDb().documents.get(document.id)).toMatchObject({
			status: 'stored',
			error: 'network'
		});
	});

	it('brings the documents onto a second device', async () => {
		const phone = await device();
		const pdf = minimalPdf(1000);
		const added = await addDocument(
			{
				accountId: phone.accountId,
				applicationId: phone.applicationId,
				docType: 'akta_kelahiran',
				file: new File([new Uint8Array(pdf)], 'akta.pdf', { type: 'application/pdf' })
			},
			phone.transport
		);
		await uploadPendingDocuments(phone.accountId, phone.transport);

		// The second device starts with nothing of it.
		await localDb().documents.delete(added.id);
		const source = {
			list: async (applicationId: string) =>
				(await phone.caller.documents.list({ applicationId })).documents,
			download: async (id: string) =>
				(
					await fetch(`${server.origin}/api/documents/${id}`, { headers: { Cookie: phone.cookie } })
				).blob()
		};
		expect(await pullDocuments(phone.accountId, phone.applicationId, source)).toBe(1);
		const pulled = await localDb().documents.get(added.id);
		expect(pulled).toMatchObject({
			status: 'uploaded',
			docType: 'akta_kelahiran',
			size: pdf.length
		});
		expect(Buffer.from(await pulled!.blob.arrayBuffer()).equals(pdf)).toBe(true);
		expect(await pullDocuments(phone.accountId, phone.applicationId, source)).toBe(0);
	});
});
