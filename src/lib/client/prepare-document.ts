import { sniffDocumentKind } from '../domain/document-uploads';
import {
	compressImage,
	elementCanvas,
	offscreenCanvas,
	type CompressedImage
} from './compress-image';
import type { CompressRequest, CompressResponse } from './compress.worker';

/** A refusal the person sees: `key` has an `err_` message (messages/documents). */
export class DocumentError extends Error {
	constructor(
		readonly key: string,
		readonly details: Record<string, unknown> | null = null
	) {
		super(key);
		this.name = 'DocumentError';
	}
}

export interface PreparedDocument {
	blob: Blob;
	thumbnail: Blob | null;
	mimeType: 'image/jpeg' | 'application/pdf';
}

let worker: Worker | null | undefined;
let nextRequestId = 1;
const waiting = new Map<number, (response: CompressResponse) => void>();

function compressionWorker(): Worker | null {
	if (worker !== undefined) return worker;
	if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
		worker = null;
		return worker;
	}
	try {
		worker = new Worker(new URL('./compress.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<CompressResponse>) => {
			waiting.get(event.data.id)?.(event.data);
			waiting.delete(event.data.id);
		};
		// The worker's script is fetched on first use and may not load (no signal before the
		// service worker has kept a copy): from then on, compress on the main thread.
		worker.onerror = (event) => {
			event.preventDefault();
			for (const [id, settle] of waiting) settle({ id, ok: false, message: 'worker failed' });
			waiting.clear();
			worker?.terminate();
			worker = null;
		};
	} catch {
		worker = null;
	}
	return worker;
}

/**
 * Starts the compression worker while there is signal, so its script is fetched once and the
 * service worker keeps it for photos taken later with none.
 */
export function warmUpCompression(): void {
	if (typeof navigator !== 'undefined' && navigator.onLine) compressionWorker();
}

function compressInWorker(target: Worker, file: Blob): Promise<CompressedImage> {
	const id = nextRequestId++;
	return new Promise((resolve, reject) => {
		waiting.set(id, (response) =>
			response.ok ? resolve(response) : reject(new Error(response.message))
		);
		target.postMessage({ id, file } satisfies CompressRequest);
	});
}

/** Compresses in the web worker; where that is missing or fails, on the main thread. */
async function compress(file: Blob): Promise<CompressedImage> {
	const background = compressionWorker();
	if (background) {
		try {
			return await compressInWorker(background, file);
		} catch {
			// e.g. OffscreenCanvas without a 2d context in workers (older Safari): try here.
		}
	}
	if (typeof createImageBitmap === 'undefined') throw new Error('cannot decode images here');
	return compressImage(
		file,
		typeof OffscreenCanvas === 'undefined' ? elementCanvas : offscreenCanvas
	);
}

/**
 * Turns what the person picked into what is stored and uploaded: a PDF as it is, any image the
 * browser can decode as a compressed JPEG with a thumbnail. Anything else is refused here,
 * before it takes space on the phone or a byte of mobile data.
 */
export async function prepareDocumentFile(file: Blob): Promise<PreparedDocument> {
	if (file.size === 0) throw new DocumentError('document_empty');
	const kind = sniffDocumentKind(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
	if (kind === 'pdf') {
		const blob =
			file.type === 'application/pdf' ? file : file.slice(0, file.size, 'application/pdf');
		return { blob, thumbnail: null, mimeType: 'application/pdf' };
	}
	if (!kind && !file.type.startsWith('image/'))
		throw new DocumentError('document_type_not_allowed');
	try {
		const { blob, thumbnail } = await compress(file);
		return { blob, thumbnail, mimeType: 'image/jpeg' };
	} catch {
		throw new DocumentError(kind ? 'document_unreadable' : 'document_type_not_allowed');
	}
}
