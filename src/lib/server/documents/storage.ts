import type { Readable } from 'node:stream';

export interface StoredObjectInfo {
	sizeBytes: number;
	contentType: string;
	/** Hex SHA-256 of the bytes; stores that verify uploads (S3) check it. */
	sha256: string;
}

/**
 * Where finished documents live, addressed by a server-generated key. Implementations: a local
 * folder (default) and an S3-compatible bucket. `get` answers null for a key it does not hold.
 */
export interface DocumentStorage {
	readonly kind: string;
	put(key: string, body: Readable, info: StoredObjectInfo): Promise<void>;
	get(key: string): Promise<ReadableStream<Uint8Array> | null>;
	delete(key: string): Promise<void>;
}

/** Keys are random hex, so they can never climb out of a folder or collide with a name. */
export function assertStorageKey(key: string): void {
	if (!/^[a-f0-9]{32}$/.test(key)) throw new Error(`invalid storage key: ${key}`);
}
