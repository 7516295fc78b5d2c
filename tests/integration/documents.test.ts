import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_CHUNK_BYTES } from '../../src/lib/domain/document-uploads';
import { db } from '../../src/lib/server/db';
import { applicationDocuments, applications } from '../../src/lib/server/db/schema';
import { uploadFolders } from '../../src/lib/server/documents/storage-from-config';
import { uploadBytesReceived } from '../../src/lib/server/documents/uploads';
import {
	giantPngHeader,
	minimalPdf,
	noisePng,
	plainText,
	windowsExecutable,
	zipArchive
} from '../support/sample-files';
import { startUploadServer, type UploadServer } from '../support/upload-server';
import type { Mutation } from '../../src/lib/sync-protocol';
import { childProfile, PROFILES, signedInApplicant } from './harness';
import { expectRefusal } from './refusal';

let server: UploadServer;

beforeAll(async () => {
	server = await startUploadServer();
});

afterAll(async () => {
	await server.close();
});

let serial = 0;

/** A signed-in applicant with one draft application the server knows. */
async function owner(label = 'docs') {
	const browser = await signedInApplicant(label);
	const caller = await browser.caller();
	const me = (await caller.auth.me())!;
	const applicant = await caller.applicants.create(childProfile((serial++ % 5) + 1));
	const applicationId = randomUUID();
	await (
		await db()
	)
		.insert(applications)
		.values({ id: applicationId, accountId: me.id, applicantId: applicant.id });
	return {
		browser,
		caller,
		accountId: me.id,
		applicationId,
		cookie: `lancar_session=${browser.token}`
	};
}

type Owner = Awaited<ReturnType<typeof owner>>;

function metadataHeader(values: Record<string, string>): string {
	return Object.entries(values)
		.map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
		.join(',');
}

function tusHeaders(cookie: string | null, extra: Record<string, string> = {}) {
	return { 'Tus-Resumable': '1.0.0', ...(cookie ? { Cookie: cookie } : {}), ...extra };
}

async function create(
	who: Pick<Owner, 'cookie' | 'applicationId'>,
	documentId: string,
	length: number,
	docType = 'ktp',
	filename = 'ktp.jpg'
) {
	return fetch(`${server.origin}/api/uploads`, {
		method: 'POST',
		headers: tusHeaders(who.cookie, {
			'Upload-Length': String(length),
			'Upload-Metadata': metadataHeader({
				documentId,
				applicationId: who.applicationId,
				docType,
				filename
			})
		})
	});
}

async function patch(cookie: string | null, id: string, offset: number, bytes: Uint8Array) {
	return fetch(`${server.origin}/api/uploads/${id}`, {
		method: 'PATCH',
		headers: tusHeaders(cookie, {
			'Upload-Offset': String(offset),
			'Content-Type': 'application/offset+octet-stream'
		}),
		// A copy on a plain ArrayBuffer, as fetch's types want.
		body: new Uint8Array(bytes)
	});
}

async function head(cookie: string | null, id: string) {
	return fetch(`${server.origin}/api/uploads/${id}`, {
		method: 'HEAD',
		headers: tusHeaders(cookie)
	});
}

/** Creates and sends a whole file in tus chunks; answers the last response. */
async function uploadWhole(
	who: Pick<Owner, 'cookie' | 'applicationId'>,
	bytes: Buffer,
	options: { documentId?: string; docType?: string; filename?: string } = {}
) {
	const documentId = options.documentId ?? randomUUID();
	const created = await create(who, documentId, bytes.length, options.docType, options.filename);
	if (created.status !== 201) return { documentId, response: created };
	let response = created;
	for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
		response = await patch(
			who.cookie,
			documentId,
			offset,
			bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES)
		);
		if (response.status !== 204) break;
	}
	return { documentId, response };
}

async function rowsOf(applicationId: string) {
	return (await db())
		.select()
		.from(applicationDocuments)
		.where(eq(applicationDocuments.applicationId, applicationId));
}

async function download(cookie: string | null, id: string) {
	return fetch(`${server.origin}/api/documents/${id}`, {
		headers: cookie ? { Cookie: cookie } : {}
	});
}

function partialUploadExists(id: string): boolean {
	return existsSync(path.join(uploadFolders().partial, id));
}

describe('resumable document uploads (tus)', () => {
	it('stores a file sent in chunks under a server-made name, with its row', async () => {
		const me = await owner();
		const photo = noisePng(700, 400);
		expect(photo.length).toBeGreaterThan(3 * UPLOAD_CHUNK_BYTES);
		const { documentId, response } = await uploadWhole(me, photo, {
			filename: '../../etc/<KTP saya>.png'
		});
		expect(response.status).toBe(204);
		expect(response.headers.get('upload-offset')).toBe(String(photo.length));

		const [row] = await rowsOf(me.applicationId);
		expect(row).toMatchObject({
			id: documentId,
			accountId: me.accountId,
			docType: 'ktp',
			mimeType: 'image/png',
			sizeBytes: photo.length,
			width: 700,
			height: 400,
			originalName: 'KTP saya.png',
			bytesReceived: photo.length,
			replacedAt: null
		});
		expect(row!.storageKey).toMatch(/^[a-f0-9]{32}$/);
		expect(row!.storageKey).not.toContain('KTP');
		expect(row!.sha256).toMatch(/^[a-f0-9]{64}$/);
		// The partial upload is gone; the document lives in storage under its key.
		expect(partialUploadExists(documentId)).toBe(false);
		expect(
			existsSync(path.join(uploadFolders().documents, row!.storageKey.slice(0, 2), row!.storageKey))
		).toBe(true);

		const stored = await download(me.cookie, documentId);
		expect(stored.status).toBe(200);
		expect(stored.headers.get('content-type')).toBe('image/png');
		expect(stored.headers.get('cache-control')).toBe('private, no-store');
		expect(Buffer.from(await stored.arrayBuffer()).equals(photo)).toBe(true);

		const listed = await me.caller.documents.list({ applicationId: me.applicationId });
		expect(listed.documents).toEqual([
			expect.objectContaining({ id: documentId, docType: 'ktp', sizeBytes: photo.length })
		]);
		expect(listed.documents[0]).not.toHaveProperty('storageKey');
	});

	it('resumes an interrupted upload from the server offset instead of starting over', async () => {
		const me = await owner();
		const photo = noisePng(800, 500);
		const size = photo.length;
		const patchOffsets: number[] = [];
		const common = {
			endpoint: `${server.origin}/api/uploads`,
			chunkSize: UPLOAD_CHUNK_BYTES,
			retryDelays: null,
			headers: { Cookie: me.cookie },
			metadata: {
				documentId: randomUUID(),
				applicationId: me.applicationId,
				docType: 'kartu_keluarga',
				filename: 'kk.png'
			},
			onBeforeRequest(request: {
				getMethod(): string;
				getHeader(name: string): string | undefined;
			}) {
				if (request.getMethod() === 'PATCH') {
					patchOffsets.push(Number(request.getHeader('Upload-Offset')));
				}
			}
		};

		// The connection drops in the middle of a chunk, somewhere past 40 % of the file.
		let sentBeforeDrop = 0;
		const first = new Upload(photo, common);
		await new Promise<void>((resolve, reject) => {
			first.options.onProgress = (bytesSent) => {
				if (bytesSent > size * 0.4 && sentBeforeDrop === 0) {
					sentBeforeDrop = bytesSent;
					void first.abort().then(resolve);
				}
			};
			first.options.onError = reject;
			first.options.onSuccess = () => reject(new Error('should have been interrupted'));
			first.start();
		});
		const uploadUrl = first.url!;
		const documentId = common.metadata.documentId;

		// What the server kept: part of the file, not all of it.
		let serverOffset = 0;
		for (let attempt = 0; attempt < 50; attempt++) {
			const probe = await head(me.cookie, documentId);
			expect(probe.status).toBe(200);
			serverOffset = Number(probe.headers.get('upload-offset'));
			if (serverOffset > size * 0.3) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		expect(serverOffset).toBeGreaterThan(0);
		expect(serverOffset).toBeLessThan(size);

		// The app comes back (a new Upload object, as after a restart) with the stored URL.
		patchOffsets.length = 0;
		await new Promise<void>((resolve, reject) => {
			const second = new Upload(photo, {
				...common,
				uploadUrl,
				onSuccess: () => resolve(),
				onError: reject
			});
			second.start();
		});
		expect(patchOffsets[0]).toBe(serverOffset);

		const [row] = await rowsOf(me.applicationId);
		expect(row?.sizeBytes).toBe(size);
		const received = await uploadBytesReceived(documentId);
		expect(received).toBe(row!.bytesReceived);
		// A restart would have sent everything again on top of what went before the drop.
		const restartWouldSend = sentBeforeDrop + size;
		expect(received).toBeGreaterThanOrEqual(size);
		expect(received).toBeLessThanOrEqual(size + UPLOAD_CHUNK_BYTES);
		expect(received).toBeLessThan(restartWouldSend - serverOffset / 2);
		const stored = await download(me.cookie, documentId);
		expect(Buffer.from(await stored.arrayBuffer()).equals(photo)).toBe(true);
	});

	it('keeps the bytes of a chunk cut off midway, and goes on from the last byte', async () => {
		const me = await owner();
		const photo = noisePng(400, 300);
		const documentId = randomUUID();
		expect((await create(me, documentId, photo.length)).status).toBe(201);

		// A PATCH whose connection dies after 100,000 of its 262,144 bytes.
		const chunk = photo.subarray(0, UPLOAD_CHUNK_BYTES);
		const cut = request(`${server.origin}/api/uploads/${documentId}`, {
			method: 'PATCH',
			headers: tusHeaders(me.cookie, {
				'Upload-Offset': '0',
				'Content-Type': 'application/offset+octet-stream',
				'Content-Length': String(chunk.length)
			})
		});
		cut.on('error', () => {});
		cut.write(chunk.subarray(0, 100_000));
		await new Promise((resolve) => setTimeout(resolve, 300));
		cut.destroy();

		let offset = 0;
		for (let attempt = 0; attempt < 50 && offset === 0; attempt++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			offset = Number((await head(me.cookie, documentId)).headers.get('upload-offset'));
		}
		expect(offset).toBe(100_000);

		for (let next = offset; next < photo.length; next += UPLOAD_CHUNK_BYTES) {
			const response = await patch(
				me.cookie,
				documentId,
				next,
				photo.subarray(next, next + UPLOAD_CHUNK_BYTES)
			);
			expect(response.status).toBe(204);
		}
		expect(await uploadBytesReceived(documentId)).toBe(photo.length);
		const stored = await download(me.cookie, documentId);
		expect(Buffer.from(await stored.arrayBuffer()).equals(photo)).toBe(true);
	});

	it('judges a file by its bytes: a PNG named .pdf and declared as a PDF is stored as PNG', async () => {
		const me = await owner();
		const disguised = noisePng(20, 20);
		const { documentId, response } = await uploadWhole(me, disguised, {
			filename: 'akta.pdf',
			docType: 'akta_kelahiran'
		});
		expect(response.status).toBe(204);
		const [row] = await rowsOf(me.applicationId);
		expect(row).toMatchObject({ id: documentId, mimeType: 'image/png', width: 20, height: 20 });
		expect((await download(me.cookie, documentId)).headers.get('content-type')).toBe('image/png');
	});

	it('accepts a PDF', async () => {
		const me = await owner();
		const { response } = await uploadWhole(me, minimalPdf(), { docType: 'ijazah' });
		expect(response.status).toBe(204);
		expect((await rowsOf(me.applicationId))[0]).toMatchObject({
			mimeType: 'application/pdf',
			width: null,
			height: null
		});
	});

	it.each([
		['a Windows program', windowsExecutable()],
		['a zip archive', zipArchive()],
		['a text file', plainText()]
	])('refuses %s by its bytes, with a message key, and deletes it', async (_name, bytes) => {
		const me = await owner();
		const { documentId, response } = await uploadWhole(me, bytes, { filename: 'ktp.jpg' });
		expect(response.status).toBe(422);
		expect(await response.json()).toEqual({ key: 'document_type_not_allowed', details: null });
		expect(await rowsOf(me.applicationId)).toEqual([]);
		expect(partialUploadExists(documentId)).toBe(false);
		expect((await head(me.cookie, documentId)).status).toBe(404);
	});

	it('refuses a file over MAX_UPLOAD_BYTES before a byte is sent', async () => {
		const me = await owner();
		const response = await create(me, randomUUID(), 10 * 1024 * 1024 + 1);
		expect(response.status).toBe(413);
		expect(await response.json()).toEqual({
			key: 'document_too_large',
			details: { maxMegabytes: 10 }
		});
	});

	it('refuses more bytes than the upload declared', async () => {
		const me = await owner();
		const documentId = randomUUID();
		expect((await create(me, documentId, 100)).status).toBe(201);
		const response = await patch(me.cookie, documentId, 0, Buffer.alloc(200));
		expect(response.status).toBe(413);
		expect(await rowsOf(me.applicationId)).toEqual([]);
	});

	it('refuses an image with too many pixels even when the file is small', async () => {
		const me = await owner();
		const bomb = giantPngHeader(8000, 6000);
		expect(bomb.length).toBeLessThan(UPLOAD_CHUNK_BYTES);
		const { response } = await uploadWhole(me, bomb);
		expect(response.status).toBe(422);
		expect(await response.json()).toEqual({
			key: 'document_too_many_pixels',
			details: { maxMegapixels: 40 }
		});
		expect(await rowsOf(me.applicationId)).toEqual([]);
	});

	it('refuses an empty file', async () => {
		const me = await owner();
		const response = await create(me, randomUUID(), 0);
		expect(response.status).toBe(422);
		expect((await response.json()).key).toBe('document_empty');
	});

	it('keeps other accounts out of uploads, lists and downloads', async () => {
		const alice = await owner('alice');
		const mallory = await owner('mallory');
		const photo = noisePng(300, 300);
		const documentId = randomUUID();
		expect((await create(alice, documentId, photo.length)).status).toBe(201);
		expect((await patch(alice.cookie, documentId, 0, photo.subarray(0, 1000))).status).toBe(204);

		// Mallory can neither see nor extend Alice's partial upload, nor take over its id.
		expect((await head(mallory.cookie, documentId)).status).toBe(404);
		const hijack = await patch(mallory.cookie, documentId, 1000, photo.subarray(1000, 2000));
		expect(hijack.status).toBe(404);
		expect(
			(
				await fetch(`${server.origin}/api/uploads/${documentId}`, {
					method: 'DELETE',
					headers: tusHeaders(mallory.cookie)
				})
			).status
		).toBe(404);
		expect((await create(mallory, documentId, photo.length)).status).toBe(403);
		// Nor upload into Alice's application.
		const intoAlice = await create(
			{ cookie: mallory.cookie, applicationId: alice.applicationId },
			randomUUID(),
			photo.length
		);
		expect(intoAlice.status).toBe(404);
		expect((await intoAlice.json()).key).toBe('document_application_not_found');
		// Without a session nothing happens at all.
		expect((await head(null, documentId)).status).toBe(401);
		expect((await patch(null, documentId, 1000, photo.subarray(1000, 2000))).status).toBe(401);

		const aliceHead = await head(alice.cookie, documentId);
		expect(aliceHead.headers.get('upload-offset')).toBe('1000');
		expect((await patch(alice.cookie, documentId, 1000, photo.subarray(1000))).status).toBe(204);

		await expectRefusal(
			mallory.caller.documents.list({ applicationId: alice.applicationId }),
			'NOT_FOUND',
			'document_application_not_found'
		);
		expect((await download(mallory.cookie, documentId)).status).toBe(404);
		expect((await download(null, documentId)).status).toBe(401);
		expect((await download(alice.cookie, documentId)).status).toBe(200);
		await expectRefusal(
			mallory.caller.documents.remove({ id: documentId }),
			'NOT_FOUND',
			'document_not_found'
		);
	});

	it('makes one document of one id, however often the upload is retried', async () => {
		const me = await owner();
		const pdf = minimalPdf(2000);
		const documentId = randomUUID();
		expect((await uploadWhole(me, pdf, { documentId })).response.status).toBe(204);

		// The answer got lost; the client asks again and is told the upload is complete.
		const again = await head(me.cookie, documentId);
		expect(again.status).toBe(200);
		expect(again.headers.get('upload-offset')).toBe(String(pdf.length));
		expect(again.headers.get('upload-length')).toBe(String(pdf.length));
		// Or it lost the URL too, and creates the upload again: same id, no new document.
		const recreated = await uploadWhole(me, pdf, { documentId });
		expect(recreated.response.status).toBe(204);
		expect(recreated.response.headers.get('upload-offset')).toBe(String(pdf.length));

		const rows = await rowsOf(me.applicationId);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.id).toBe(documentId);
	});

	it('finishes an upload on the next request when storing it failed the first time', async () => {
		const me = await owner();
		const pdf = minimalPdf(5000);
		const documentId = randomUUID();
		expect((await create(me, documentId, pdf.length)).status).toBe(201);
		// Document storage breaks: its folder is replaced by a file.
		const folder = uploadFolders().documents;
		await mkdir(folder, { recursive: true });
		await rename(folder, `${folder}.away`);
		await writeFile(folder, 'not a folder');
		try {
			const failed = await patch(me.cookie, documentId, 0, pdf);
			expect(failed.status).toBe(500);
			expect(await failed.json()).toEqual({ key: 'unknown', details: null });
			expect(await rowsOf(me.applicationId)).toEqual([]);
			// Every byte is there, but no document yet: the client must not be told "complete".
			expect((await head(me.cookie, documentId)).status).toBe(500);
		} finally {
			await rm(folder, { force: true });
			await rename(`${folder}.away`, folder);
		}
		const retried = await head(me.cookie, documentId);
		expect(retried.status).toBe(200);
		expect(retried.headers.get('upload-offset')).toBe(String(pdf.length));
		expect(await rowsOf(me.applicationId)).toEqual([
			expect.objectContaining({ id: documentId, sizeBytes: pdf.length })
		]);
		expect(partialUploadExists(documentId)).toBe(false);
	});

	it('gives a client that lost its upload URL the partial upload back', async () => {
		const me = await owner();
		const photo = noisePng(200, 200);
		const documentId = randomUUID();
		expect((await create(me, documentId, photo.length)).status).toBe(201);
		expect((await patch(me.cookie, documentId, 0, photo.subarray(0, 50_000))).status).toBe(204);
		const recreated = await create(me, documentId, photo.length);
		expect(recreated.status).toBe(201);
		expect(recreated.headers.get('location')).toBe(`/api/uploads/${documentId}`);
		// The bytes already there are kept, not overwritten.
		expect((await head(me.cookie, documentId)).headers.get('upload-offset')).toBe('50000');
	});

	it('replaces a document: one current row per type, the old file deleted', async () => {
		const me = await owner();
		const first = await uploadWhole(me, noisePng(40, 40));
		const second = await uploadWhole(me, noisePng(50, 50));
		expect(second.response.status).toBe(204);
		const other = await uploadWhole(me, minimalPdf(), { docType: 'kartu_keluarga' });
		expect(other.response.status).toBe(204);

		const rows = await rowsOf(me.applicationId);
		const ktp = rows.filter((row) => row.docType === 'ktp');
		expect(ktp).toHaveLength(2);
		const old = ktp.find((row) => row.id === first.documentId)!;
		expect(old.replacedAt).not.toBeNull();
		expect(ktp.find((row) => row.id === second.documentId)!.replacedAt).toBeNull();
		expect(
			existsSync(path.join(uploadFolders().documents, old.storageKey.slice(0, 2), old.storageKey))
		).toBe(false);
		expect((await download(me.cookie, first.documentId)).status).toBe(404);

		const listed = await me.caller.documents.list({ applicationId: me.applicationId });
		expect(listed.documents.map((document) => document.id).sort()).toEqual(
			[second.documentId, other.documentId].sort()
		);
	});

	it('withdraws a document on request, once', async () => {
		const me = await owner();
		const { documentId } = await uploadWhole(me, minimalPdf(), { docType: 'surat_baptis' });
		await me.caller.documents.remove({ id: documentId });
		await me.caller.documents.remove({ id: documentId });
		expect((await me.caller.documents.list({ applicationId: me.applicationId })).documents).toEqual(
			[]
		);
		expect((await download(me.cookie, documentId)).status).toBe(404);
	});

	it('takes documents only while the application is a draft or submitted', async () => {
		const me = await owner();
		const documentId = randomUUID();
		const pdf = minimalPdf();
		expect((await create(me, documentId, pdf.length)).status).toBe(201);
		await (
			await db()
		)
			.update(applications)
			.set({ status: 'booked' })
			.where(and(eq(applications.id, me.applicationId)));

		// Checked again when the last byte arrives: the upload began before the booking.
		const finish = await patch(me.cookie, documentId, 0, pdf);
		expect(finish.status).toBe(403);
		expect((await finish.json()).key).toBe('document_application_locked');
		const fresh = await create(me, randomUUID(), pdf.length);
		expect(fresh.status).toBe(403);
		expect((await fresh.json()).key).toBe('document_application_locked');
		expect(await rowsOf(me.applicationId)).toEqual([]);
	});

	it('refuses uploads without the metadata it needs', async () => {
		const me = await owner();
		const response = await fetch(`${server.origin}/api/uploads`, {
			method: 'POST',
			headers: tusHeaders(me.cookie, {
				'Upload-Length': '10',
				'Upload-Metadata': metadataHeader({ documentId: 'not-a-uuid', docType: 'ktp' })
			})
		});
		expect(response.status).toBe(400);
		expect((await response.json()).key).toBe('document_metadata_invalid');
		const unknownType = await create(me, randomUUID(), 10, 'selfie');
		expect(unknownType.status).toBe(400);
	});

	it('lets an application be submitted once its required documents are uploaded', async () => {
		const browser = await signedInApplicant('submit');
		const caller = await browser.caller();
		const applicantId = randomUUID();
		const applicationId = randomUUID();
		const mutation = (kind: Mutation['kind'], entityId: string, fields = {}): Mutation => ({
			id: randomUUID(),
			kind,
			entityId,
			baseVersion: 0,
			fields
		});
		const form = {
			applicantId,
			service: 'reguler',
			applicationType: 'baru',
			passportType: 'elektronik',
			validityYears: 10,
			hadPassportBefore: false,
			travelPurpose: 'ibadah_umrah',
			destinationCountry: 'SA',
			destinationAddress: 'Hotel Dar Al Eiman, Ajyad Street, Makkah',
			stayDurationDays: 12,
			relativeName: 'Ahmad Fauzi',
			relativePhone: '0812-3456-7890'
		};
		const saved = await caller.sync.push({
			mutations: [
				mutation('applicant.save', applicantId, PROFILES.siti),
				mutation('application.save', applicationId, form)
			]
		});
		expect(saved.results.map((result) => result.status)).toEqual(['applied', 'applied']);
		const me = { cookie: `lancar_session=${browser.token}`, applicationId };

		const early = await caller.sync.push({
			mutations: [mutation('application.submit', applicationId)]
		});
		expect(early.results[0]).toMatchObject({
			status: 'rejected',
			key: 'application_incomplete',
			details: { missingDocuments: ['ktp', 'kartu_keluarga', 'dokumen_pendukung'] }
		});

		// A refused file and a replaced one do not count; the current uploads do.
		await uploadWhole(me, plainText(), { docType: 'ktp' });
		await uploadWhole(me, noisePng(30, 30), { docType: 'ktp' });
		await uploadWhole(me, minimalPdf(), { docType: 'kartu_keluarga' });
		const birth = await uploadWhole(me, minimalPdf(), { docType: 'akta_kelahiran' });
		await caller.documents.remove({ id: birth.documentId });
		const stillMissing = await caller.sync.push({
			mutations: [mutation('application.submit', applicationId)]
		});
		expect(stillMissing.results[0]).toMatchObject({
			details: { missingDocuments: ['dokumen_pendukung'] }
		});

		await uploadWhole(me, minimalPdf(), { docType: 'ijazah' });
		const submitted = await caller.sync.push({
			mutations: [mutation('application.submit', applicationId)]
		});
		expect(submitted.results[0]).toMatchObject({ status: 'applied' });
		const [row] = await (
			await db()
		)
			.select()
			.from(applications)
			.where(eq(applications.id, applicationId));
		expect(row?.status).toBe('submitted');
	});
});
