/// <reference lib="webworker" />
import { compressImage, offscreenCanvas, type CompressedImage } from './compress-image';

export interface CompressRequest {
	id: number;
	file: Blob;
}

export type CompressResponse =
	({ id: number; ok: true } & CompressedImage) | { id: number; ok: false; message: string };

// Decoding and re-encoding a 12-megapixel photo takes long enough to freeze a cheap phone's
// page, so it happens here, off the main thread.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<CompressRequest>) => {
	const { id, file } = event.data;
	try {
		const result = await compressImage(file, offscreenCanvas);
		scope.postMessage({ id, ok: true, ...result } satisfies CompressResponse);
	} catch (error) {
		scope.postMessage({ id, ok: false, message: String(error) } satisfies CompressResponse);
	}
};
