import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { imageSizeFromFile } from 'image-size/fromFile';
import { isAcceptedDocumentMimeType, type AcceptedDocumentMimeType } from '../../domain/documents';

export interface InspectionLimits {
	maxBytes: number;
	maxPixels: number;
}

export interface AcceptedFile {
	ok: true;
	mimeType: AcceptedDocumentMimeType;
	sizeBytes: number;
	width: number | null;
	height: number | null;
	sha256: string;
}

export interface RefusedFile {
	ok: false;
	/** Message key (without `err_`), shown to the person. */
	key: string;
	details?: Record<string, unknown>;
}

const MEGABYTE = 1024 * 1024;

export function sizeLimitDetails(maxBytes: number) {
	return { maxMegabytes: Math.round((maxBytes / MEGABYTE) * 10) / 10 };
}

async function sha256OfFile(filePath: string): Promise<string> {
	const hash = createHash('sha256');
	await pipeline(createReadStream(filePath), hash);
	return hash.digest('hex');
}

/**
 * Judges an uploaded file by its bytes, never by its name or declared type: JPEG, PNG or PDF by
 * magic numbers, within the size limit, and for images within the pixel limit (a small file can
 * still decode into a huge bitmap).
 */
export async function inspectDocumentFile(
	filePath: string,
	limits: InspectionLimits
): Promise<AcceptedFile | RefusedFile> {
	const { size } = await stat(filePath);
	if (size === 0) return { ok: false, key: 'document_empty' };
	if (size > limits.maxBytes) {
		return { ok: false, key: 'document_too_large', details: sizeLimitDetails(limits.maxBytes) };
	}

	const detected = await fileTypeFromFile(filePath);
	if (!detected || !isAcceptedDocumentMimeType(detected.mime)) {
		return { ok: false, key: 'document_type_not_allowed' };
	}

	let width: number | null = null;
	let height: number | null = null;
	if (detected.mime !== 'application/pdf') {
		try {
			const dimensions = await imageSizeFromFile(filePath);
			width = dimensions.width;
			height = dimensions.height;
		} catch {
			return { ok: false, key: 'document_unreadable' };
		}
		if (!width || !height) return { ok: false, key: 'document_unreadable' };
		if (width * height > limits.maxPixels) {
			return {
				ok: false,
				key: 'document_too_many_pixels',
				details: { maxMegapixels: Math.floor(limits.maxPixels / 1_000_000) }
			};
		}
	}

	return {
		ok: true,
		mimeType: detected.mime,
		sizeBytes: size,
		width,
		height,
		sha256: await sha256OfFile(filePath)
	};
}
