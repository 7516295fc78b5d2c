import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const checksum = Buffer.alloc(4);
	checksum.writeUInt32BE(crc32(typeAndData) >>> 0);
	return Buffer.concat([length, typeAndData, checksum]);
}

function header(width: number, height: number): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	return chunk('IHDR', ihdr);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A valid RGB PNG of random noise: noise does not compress, so the file is about
 * width × height × 3 bytes, big enough to need several upload chunks.
 */
export function noisePng(width: number, height: number): Buffer {
	const rows: Buffer[] = [];
	for (let y = 0; y < height; y++)
		rows.push(Buffer.concat([Buffer.from([0]), randomBytes(width * 3)]));
	const pixels = deflateSync(Buffer.concat(rows), { level: 0 });
	return Buffer.concat([
		SIGNATURE,
		header(width, height),
		chunk('IDAT', pixels),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** A smooth colour gradient, as a camera photo of a card would be: it compresses well as JPEG. */
export function gradientPng(width: number, height: number): Buffer {
	const rows: Buffer[] = [];
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(1 + width * 3);
		for (let x = 0; x < width; x++) {
			row[1 + x * 3] = Math.floor((x * 255) / width);
			row[2 + x * 3] = Math.floor((y * 255) / height);
			row[3 + x * 3] = 160;
		}
		rows.push(row);
	}
	return Buffer.concat([
		SIGNATURE,
		header(width, height),
		chunk('IDAT', deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/**
 * A small file whose header claims a huge image: a decompression bomb's opening. Only the pixel
 * check can catch it, since the file itself is tiny.
 */
export function giantPngHeader(width: number, height: number): Buffer {
	const oneRow = deflateSync(Buffer.alloc(1 + width * 3));
	return Buffer.concat([
		SIGNATURE,
		header(width, height),
		chunk('IDAT', oneRow),
		chunk('IEND', Buffer.alloc(0))
	]);
}

export function minimalPdf(extraBytes = 0): Buffer {
	const body = [
		'%PDF-1.4',
		'1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
		'2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
		`% ${'x'.repeat(extraBytes)}`,
		'trailer << /Root 1 0 R >>',
		'%%EOF',
		''
	].join('\n');
	return Buffer.from(body, 'latin1');
}

/** The start of a Windows executable (MZ header, PE signature) and some padding. */
export function windowsExecutable(): Buffer {
	const file = Buffer.alloc(1024);
	file.write('MZ', 0, 'latin1');
	file.writeUInt32LE(0x80, 0x3c);
	file.write('PE\0\0', 0x80, 'latin1');
	return file;
}

/** A zip archive holding one stored file. */
export function zipArchive(): Buffer {
	const name = Buffer.from('ktp.jpg');
	const content = Buffer.from('not really a photo');
	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt16LE(10, 4);
	local.writeUInt32LE(crc32(content) >>> 0, 14);
	local.writeUInt32LE(content.length, 18);
	local.writeUInt32LE(content.length, 22);
	local.writeUInt16LE(name.length, 26);
	return Buffer.concat([local, name, content]);
}

export function plainText(): Buffer {
	return Buffer.from('Nama: Siti Rahmawati\nNIK: 3273014312850002\n'.repeat(20));
}
