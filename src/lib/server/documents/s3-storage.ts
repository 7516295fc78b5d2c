import { Readable } from 'node:stream';
import { AwsClient } from 'aws4fetch';
import { assertStorageKey, type DocumentStorage, type StoredObjectInfo } from './storage';

export interface S3Settings {
	endpoint: string;
	region: string;
	bucket: string;
	accessKeyId: string;
	secretAccessKey: string;
	/** Path-style URLs (endpoint/bucket/key), which MinIO and most S3-compatible stores expect. */
	forcePathStyle: boolean;
	/** Folder inside the bucket. */
	prefix?: string;
}

/**
 * Documents in an S3-compatible bucket through plain signed fetch requests (aws4fetch): PUT with
 * the content's SHA-256 so the store verifies what it received, GET streamed, DELETE.
 */
export class S3DocumentStorage implements DocumentStorage {
	readonly kind = 's3';
	private readonly client: AwsClient;

	constructor(private readonly settings: S3Settings) {
		this.client = new AwsClient({
			accessKeyId: settings.accessKeyId,
			secretAccessKey: settings.secretAccessKey,
			service: 's3',
			region: settings.region
		});
	}

	/** The object's URL; exported for tests of the addressing. */
	urlOf(key: string): string {
		assertStorageKey(key);
		const { endpoint, bucket, forcePathStyle, prefix } = this.settings;
		const base = new URL(endpoint);
		const objectPath = [prefix?.replace(/^\/+|\/+$/g, ''), key].filter(Boolean).join('/');
		const basePath = base.pathname.replace(/\/+$/, '');
		if (forcePathStyle) {
			return `${base.origin}${basePath}/${encodeURIComponent(bucket)}/${objectPath}`;
		}
		return `${base.protocol}//${bucket}.${base.host}${basePath}/${objectPath}`;
	}

	async put(key: string, body: Readable, info: StoredObjectInfo): Promise<void> {
		const response = await this.client.fetch(this.urlOf(key), {
			method: 'PUT',
			headers: {
				'Content-Type': info.contentType,
				'Content-Length': String(info.sizeBytes),
				'X-Amz-Content-Sha256': info.sha256
			},
			body: Readable.toWeb(body) as ReadableStream<Uint8Array>,
			// @ts-expect-error Node's fetch needs duplex for a streamed body; the DOM types lack it.
			duplex: 'half'
		});
		if (!response.ok) {
			throw new Error(`S3 PUT ${key} failed: ${response.status} ${await response.text()}`);
		}
	}

	async get(key: string): Promise<ReadableStream<Uint8Array> | null> {
		const response = await this.client.fetch(this.urlOf(key), { method: 'GET' });
		if (response.status === 404) return null;
		if (!response.ok || !response.body) {
			throw new Error(`S3 GET ${key} failed: ${response.status}`);
		}
		return response.body;
	}

	async delete(key: string): Promise<void> {
		const response = await this.client.fetch(this.urlOf(key), { method: 'DELETE' });
		if (!response.ok && response.status !== 404) {
			throw new Error(`S3 DELETE ${key} failed: ${response.status}`);
		}
	}
}
