import { describe, expect, it } from 'vitest';
import {
	displayFileName,
	fitWithin,
	sniffDocumentKind,
	uploadMetadataSchema
} from '../../../src/lib/domain/document-uploads';

describe('fitWithin', () => {
	it('scales the long edge down to the limit, keeping the shape', () => {
		expect(fitWithin(4000, 3000, 2000)).toEqual({ width: 2000, height: 1500 });
		expect(fitWithin(3000, 4000, 2000)).toEqual({ width: 1500, height: 2000 });
		expect(fitWithin(4032, 1, 240)).toEqual({ width: 240, height: 1 });
	});

	it('never scales up', () => {
		expect(fitWithin(1200, 800, 2000)).toEqual({ width: 1200, height: 800 });
	});
});

describe('sniffDocumentKind', () => {
	const bytes = (...values: number[]) => new Uint8Array(values);

	it('knows PDF, JPEG and PNG by their first bytes', () => {
		expect(sniffDocumentKind(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
		expect(sniffDocumentKind(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
		expect(sniffDocumentKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
	});

	it('knows nothing else, whatever the name says', () => {
		expect(sniffDocumentKind(new TextEncoder().encode('MZ\x90\x00'))).toBeNull();
		expect(sniffDocumentKind(bytes(0x50, 0x4b, 0x03, 0x04))).toBeNull();
		expect(sniffDocumentKind(bytes())).toBeNull();
	});
});

describe('displayFileName', () => {
	it('drops folders, control and markup characters', () => {
		expect(displayFileName('C:\\Users\\siti\\KTP <asli>.jpg')).toBe('KTP asli.jpg');
		expect(displayFileName('../../etc/passwd')).toBe('passwd');
		expect(displayFileName('...hidden.pdf')).toBe('hidden.pdf');
		expect(displayFileName('a\u0000b\nc.png')).toBe('abc.png');
	});

	it('shortens long names but keeps the extension', () => {
		const name = displayFileName(`${'x'.repeat(300)}.jpeg`);
		expect(name).toHaveLength(120);
		expect(name.endsWith('.jpeg')).toBe(true);
	});
});

describe('uploadMetadataSchema', () => {
	it('needs uuids and a known document type', () => {
		const valid = {
			documentId: '7d0f3f5e-8a4b-4c1e-9f61-2d7f3c9b1a11',
			applicationId: '0b9e1d8c-2f3a-4b5c-8d7e-6f5a4b3c2d1e',
			docType: 'ktp'
		};
		expect(uploadMetadataSchema.parse(valid)).toEqual({ ...valid, filename: '' });
		expect(uploadMetadataSchema.safeParse({ ...valid, docType: 'selfie' }).success).toBe(false);
		expect(uploadMetadataSchema.safeParse({ ...valid, documentId: '1' }).success).toBe(false);
	});
});
