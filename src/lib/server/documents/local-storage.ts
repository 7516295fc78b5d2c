import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, type DocumentStorage, type StoredObjectInfo } from './storage';

/** Documents as files in a folder, spread over 256 subfolders so no folder grows huge. */
export class LocalDocumentStorage implements DocumentStorage {
	readonly kind = 'local';

	constructor(private readonly root: string) {}

	private pathOf(key: string): string {
		assertStorageKey(key);
		return path.join(this.root, key.slice(0, 2), key);
	}

	async put(key: string, body: Readable, _info: StoredObjectInfo): Promise<void> {
		const target = this.pathOf(key);
		await mkdir(path.dirname(target), { recursive: true });
		// Written beside the target and renamed, so a reader never sees half a file.
		const partial = `${target}.partial`;
		try {
			await pipeline(body, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
			await rename(partial, target);
		} catch (error) {
			await rm(partial, { force: true });
			throw error;
		}
	}

	async get(key: string): Promise<ReadableStream<Uint8Array> | null> {
		const file = this.pathOf(key);
		try {
			await stat(file);
		} catch {
			return null;
		}
		return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
	}

	async delete(key: string): Promise<void> {
		await rm(this.pathOf(key), { force: true });
	}
}
