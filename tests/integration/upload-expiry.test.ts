import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { applications } from '../../src/lib/server/db/schema';
import { uploadFolders } from '../../src/lib/server/documents/storage-from-config';
import { deleteExpiredUploads } from '../../src/lib/server/documents/uploads';
import { startUploadServer, type UploadServer } from '../support/upload-server';
import { childProfile, signedInApplicant } from './harness';

// Read when the services start (beforeAll), after this line: partial uploads live one second.
process.env.UPLOAD_EXPIRY_DAYS = String(1 / 86_400);

let server: UploadServer;

beforeAll(async () => {
	server = await startUploadServer();
});

afterAll(async () => {
	await server.close();
});

describe('abandoned partial uploads', () => {
	it('cannot be resumed once expired, start afresh when created again, and are deleted', async () => {
		const browser = await signedInApplicant('expiry');
		const caller = await browser.caller();
		const accountId = (await caller.auth.me())!.id;
		const applicant = await caller.applicants.create(childProfile(1));
		const applicationId = randomUUID();
		await (
			await db()
		)
			.insert(applications)
			.values({ id: applicationId, accountId, applicantId: applicant.id });
		const headers = { 'Tus-Resumable': '1.0.0', Cookie: `lancar_session=${browser.token}` };
		const documentId = randomUUID();
		const metadata = [
			['documentId', documentId],
			['applicationId', applicationId],
			['docType', 'ktp']
		]
			.map(([key, value]) => `${key} ${Buffer.from(value!).toString('base64')}`)
			.join(',');
		const created = await fetch(`${server.origin}/api/uploads`, {
			method: 'POST',
			headers: { ...headers, 'Upload-Length': '1000', 'Upload-Metadata': metadata }
		});
		expect(created.status).toBe(201);
		expect(existsSync(path.join(uploadFolders().partial, documentId))).toBe(true);

		await new Promise((resolve) => setTimeout(resolve, 1_500));
		const late = await fetch(`${server.origin}/api/uploads/${documentId}`, {
			method: 'HEAD',
			headers
		});
		expect(late.status).toBe(410);

		// The device, told the upload is gone, creates it again: a fresh start, not another 410.
		const again = await fetch(`${server.origin}/api/uploads`, {
			method: 'POST',
			headers: { ...headers, 'Upload-Length': '1000', 'Upload-Metadata': metadata }
		});
		expect(again.status).toBe(201);
		const fresh = await fetch(`${server.origin}/api/uploads/${documentId}`, {
			method: 'HEAD',
			headers
		});
		expect(fresh.status).toBe(200);
		expect(fresh.headers.get('upload-offset')).toBe('0');

		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(await deleteExpiredUploads()).toBeGreaterThanOrEqual(1);
		expect(existsSync(path.join(uploadFolders().partial, documentId))).toBe(false);
	});
});
