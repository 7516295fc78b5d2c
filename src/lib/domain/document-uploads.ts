import { z } from 'zod';
import { DOCUMENT_TYPES } from './documents';

/** Where the tus endpoint is mounted (src/routes/api/uploads/[...path]). */
export const UPLOADS_PATH = '/api/uploads';

/**
 * Bytes per PATCH request. adapter-node refuses request bodies over BODY_SIZE_LIMIT (512 KiB by
 * default), so a chunk must stay well under it; 256 KiB also means a dropped connection on a slow
 * mobile link loses little, since the server keeps every byte that arrived.
 */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;

/** Long edge of a compressed document photo: enough to read a KTP, small enough for 3G. */
export const PHOTO_MAX_EDGE_PX = 2000;
export const PHOTO_JPEG_QUALITY = 0.82;
export const THUMBNAIL_MAX_EDGE_PX = 240;
export const THUMBNAIL_JPEG_QUALITY = 0.7;

export type SniffedKind = 'pdf' | 'jpeg' | 'png';

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
	return signature.every((byte, index) => bytes[index] === byte);
}

/**
 * What a file is by its first bytes, for the browser's first judgement (the server judges again
 * with `file-type`). A name or a declared type can lie; these bytes cannot.
 */
export function sniffDocumentKind(firstBytes: Uint8Array): SniffedKind | null {
	if (startsWith(firstBytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
	if (startsWith(firstBytes, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(firstBytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	return null;
}

/** Width and height scaled down (never up) so the longer edge is at most `maxEdge`. */
export function fitWithin(
	width: number,
	height: number,
	maxEdge: number
): { width: number; height: number } {
	const longEdge = Math.max(width, height);
	if (longEdge <= maxEdge) return { width, height };
	const scale = maxEdge / longEdge;
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

/**
 * What the browser tells the server when it creates an upload (tus Upload-Metadata). The
 * document id is the browser's uuid, so a retried upload can never make a second document.
 */
export const uploadMetadataSchema = z.object({
	documentId: z.uuid(),
	applicationId: z.uuid(),
	docType: z.enum(DOCUMENT_TYPES),
	filename: z.string().max(500).optional().default('')
});

export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

/**
 * A file name fit for display only: no path, no control or markup characters, bounded length.
 * Storage never uses it.
 */
export function displayFileName(raw: string): string {
	const base = raw.split(/[\\/]/).pop() ?? '';
	const cleaned = base
		.normalize('NFC')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^\.+/, '');
	if (cleaned.length <= 120) return cleaned;
	const dot = cleaned.lastIndexOf('.');
	const extension = dot > 0 && cleaned.length - dot <= 8 ? cleaned.slice(dot) : '';
	return cleaned.slice(0, 120 - extension.length) + extension;
}
