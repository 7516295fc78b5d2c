import {
	fitWithin,
	PHOTO_JPEG_QUALITY,
	PHOTO_MAX_EDGE_PX,
	THUMBNAIL_JPEG_QUALITY,
	THUMBNAIL_MAX_EDGE_PX
} from '../domain/document-uploads';

export interface CompressedImage {
	blob: Blob;
	thumbnail: Blob;
	width: number;
	height: number;
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** A drawing surface of a given size that can encode itself as JPEG. */
export interface JpegCanvas {
	context: Context2D;
	toJpeg(quality: number): Promise<Blob>;
}

export type MakeCanvas = (width: number, height: number) => JpegCanvas;

/** For web workers (and pages) that have OffscreenCanvas. */
export const offscreenCanvas: MakeCanvas = (width, height) => {
	const canvas = new OffscreenCanvas(width, height);
	const context = canvas.getContext('2d');
	if (!context) throw new Error('no 2d context on OffscreenCanvas');
	return {
		context,
		toJpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality })
	};
};

/** Main-thread fallback for browsers without OffscreenCanvas. */
export const elementCanvas: MakeCanvas = (width, height) => {
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const context = canvas.getContext('2d');
	if (!context) throw new Error('no 2d context on canvas');
	return {
		context,
		toJpeg: (quality) =>
			new Promise((resolve, reject) =>
				canvas.toBlob(
					(blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))),
					'image/jpeg',
					quality
				)
			)
	};
};

async function drawJpeg(
	bitmap: ImageBitmap,
	size: { width: number; height: number },
	quality: number,
	makeCanvas: MakeCanvas
): Promise<Blob> {
	const { context, toJpeg } = makeCanvas(size.width, size.height);
	// JPEG has no transparency: a transparent PNG scan would otherwise turn black.
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, size.width, size.height);
	context.imageSmoothingEnabled = true;
	context.imageSmoothingQuality = 'high';
	context.drawImage(bitmap, 0, 0, size.width, size.height);
	return toJpeg(quality);
}

/**
 * Decodes any image the browser can read (camera JPEG, PNG screenshot, WebP, HEIC on Safari),
 * turns it upright from its EXIF orientation, and re-encodes it as a JPEG whose long edge is at
 * most 2000 px, plus a small thumbnail. Re-encoding also drops EXIF metadata such as the GPS
 * position of the photo.
 */
export async function compressImage(file: Blob, makeCanvas: MakeCanvas): Promise<CompressedImage> {
	const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	try {
		const size = fitWithin(bitmap.width, bitmap.height, PHOTO_MAX_EDGE_PX);
		const thumbnailSize = fitWithin(bitmap.width, bitmap.height, THUMBNAIL_MAX_EDGE_PX);
		const blob = await drawJpeg(bitmap, size, PHOTO_JPEG_QUALITY, makeCanvas);
		const thumbnail = await drawJpeg(bitmap, thumbnailSize, THUMBNAIL_JPEG_QUALITY, makeCanvas);
		return { blob, thumbnail, width: size.width, height: size.height };
	} finally {
		bitmap.close();
	}
}

/** A thumbnail only, for documents that arrive already compressed (from another device). */
export async function thumbnailOf(file: Blob, makeCanvas: MakeCanvas): Promise<Blob> {
	const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	try {
		const size = fitWithin(bitmap.width, bitmap.height, THUMBNAIL_MAX_EDGE_PX);
		return await drawJpeg(bitmap, size, THUMBNAIL_JPEG_QUALITY, makeCanvas);
	} finally {
		bitmap.close();
	}
}
