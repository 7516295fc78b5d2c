import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalDocumentStorage } from '../../../src/lib/server/documents/local-storage';
import { S3DocumentStorage } from '../../../src/lib/server/documents/s3-storage';

const KEY = '0123456789abcdef0123456789abcdef';
const info = { sizeBytes: 5, contentType: 'application/pdf', sha256: 'x' };

let folder: string | undefined;

afterEach(async () => {
	if (folder) await rm(folder, { recursive: true, force: true });
});

async function text(stream: ReadableStream<Uint8Array> | null): Promise<string | null> {
	return stream ? new Response(stream).text() : null;
}

describe('local document storage', () => {
	it('puts, gets and deletes by key', async () => {
		folder = await mkdtemp(path.join(tmpdir(), 'lancar-storage-'));
		const storage = new LocalDocumentStorage(folder);
		await storage.put(KEY, Readable.from([Buffer.from('%PDF-')]), info);
		expect(await text(await storage.get(KEY))).toBe('%PDF-');
		await storage.delete(KEY);
		expect(await storage.get(KEY)).toBeNull();
		await storage.delete(KEY);
	});

	it('accepts only server-made keys, so no key can leave its folder', async () => {
		folder = await mkdtemp(path.join(tmpdir(), 'lancar-storage-'));
		const storage = new LocalDocumentStorage(folder);
		await expect(storage.get('../../etc/passwd')).rejects.toThrow(/invalid storage key/);
		await expect(storage.put('ktp.jpg', Readable.from([Buffer.from('x')]), info)).rejects.toThrow(
			/invalid storage key/
		);
	});
});

// Only the addressing is tested here: no S3-compatible server runs on this machine.
describe('S3 document storage addressing', () => {
	const settings = {
		endpoint: 'https://s3.example.id',
		region: 'us-east-1',
		bucket: 'lancar-docs',
		accessKeyId: 'id',
		secretAccessKey: 'secret',
		prefix: 'documents'
	};

	it('uses path-style URLs for S3-compatible stores', () => {
		const storage = new S3DocumentStorage({ ...settings, forcePathStyle: true });
		expect(storage.urlOf(KEY)).toBe(`https://s3.example.id/lancar-docs/documents/${KEY}`);
	});

	it('uses virtual-hosted URLs when asked', () => {
		const storage = new S3DocumentStorage({ ...settings, forcePathStyle: false });
		expect(storage.urlOf(KEY)).toBe(`https://lancar-docs.s3.example.id/documents/${KEY}`);
	});
});
