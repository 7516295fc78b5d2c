import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Metadata, Server, TUS_RESUMABLE, type Upload } from '@tus/server';
import { displayFileName, UPLOADS_PATH, uploadMetadataSchema } from '../../domain/document-uploads';
import type { ValidSession } from '../auth/sessions';
import { config } from '../config';
import { db } from '../db';
import { AppError } from '../errors';
import { logger } from '../logger';
import { inspectDocumentFile, sizeLimitDetails } from './inspect';
import { addReceivedBytes, forgetReceivedBytes, receivedBytesSoFar } from './received-bytes';
import {
	assertApplicationTakesDocuments,
	documentOwner,
	findOwnedDocument,
	recordDocument,
	recordedBytesReceived
} from './records';
import { documentStorage, uploadFolders } from './storage-from-config';

/**
 * HTTP status per refusal key. Never 409 or 423: tus clients retry those, and a refused file
 * must stop, not loop.
 */
const REFUSAL_STATUS: Record<string, number> = {
	unauthorized: 401,
	forbidden: 403,
	document_application_locked: 403,
	document_not_found: 404,
	document_application_not_found: 404,
	document_metadata_invalid: 400,
	document_too_large: 413,
	document_empty: 422,
	document_type_not_allowed: 422,
	document_unreadable: 422,
	document_too_many_pixels: 422,
	// Retried by the client: the next attempt starts with a HEAD, which finishes the upload.
	unknown: 500
};

/** What @tus/server sends when a hook throws: the body carries the message key as JSON. */
class UploadRefusal {
	readonly status_code: number;
	readonly body: string;

	constructor(
		readonly key: string,
		readonly details?: Record<string, unknown>
	) {
		this.status_code = REFUSAL_STATUS[key] ?? 400;
		this.body = JSON.stringify({ key, details: details ?? null });
	}
}

function refusalResponse(method: string, refusal: UploadRefusal): Response {
	return new Response(method === 'HEAD' ? null : refusal.body, {
		status: refusal.status_code,
		headers: {
			'Tus-Resumable': TUS_RESUMABLE,
			'Content-Type': 'application/json',
			'Cache-Control': 'no-store'
		}
	});
}

function refusalFrom(error: unknown): UploadRefusal | null {
	if (error instanceof AppError) return new UploadRefusal(error.key, error.details);
	if (error instanceof UploadRefusal) return error;
	return null;
}

/** Who is behind one request, for the tus hooks, which only see the Request object. */
interface RequestScope {
	accountId: string;
	/** Bytes of this PATCH body that reached the server. */
	bytesThisRequest: number;
	/** Set once the upload became a document (or was refused): the counter is settled. */
	settled: boolean;
}

const scopes = new WeakMap<Request, RequestScope>();

let server: Server | undefined;
let store: FileStore | undefined;

function uploadStore(): FileStore {
	store ??= new FileStore({
		directory: uploadFolders().partial,
		expirationPeriodInMilliseconds: config().UPLOAD_EXPIRY_DAYS * 86_400_000
	});
	return store;
}

const EXPIRY_SWEEP_INTERVAL_MS = 3_600_000;

/**
 * Deletes abandoned partial uploads hourly, in the process that receives uploads (where their
 * files are). Unref'd: it never keeps the process alive.
 */
function sweepExpiredUploadsHourly(target: Server): void {
	setInterval(() => {
		target.cleanUpExpiredUploads().then(
			(deleted) => {
				if (deleted > 0) logger().info({ deleted }, 'expired partial uploads deleted');
			},
			(error: unknown) => logger().warn({ err: error }, 'could not delete expired uploads')
		);
	}, EXPIRY_SWEEP_INTERVAL_MS).unref();
}

function tusServer(): Server {
	if (server) return server;
	server = new Server({
		path: UPLOADS_PATH,
		datastore: uploadStore(),
		maxSize: () => config().MAX_UPLOAD_BYTES,
		relativeLocation: true,
		// Same origin only: no other site may drive uploads with the person's cookie.
		allowedOrigins: [],
		disableTerminationForFinishedUploads: true,
		// The upload id is the document id the browser chose (checked before we get here), so
		// a retried document resumes or finds its finished row instead of making a second one.
		namingFunction: (_req, metadata) => {
			const id = metadata?.documentId;
			if (!id) throw new UploadRefusal('document_metadata_invalid');
			return id;
		},
		onUploadCreate: async (req, upload) => {
			const scope = scopes.get(req);
			if (!scope) throw new UploadRefusal('unauthorized');
			// The owner is recorded by the server, never taken from the client.
			return {
				metadata: {
					...upload.metadata,
					filename: displayFileName(upload.metadata?.filename ?? ''),
					accountId: scope.accountId
				}
			};
		},
		onUploadFinish: async (req, upload) => {
			const scope = scopes.get(req);
			if (!scope) throw new UploadRefusal('unauthorized');
			await finishUpload(upload, scope);
			return {};
		},
		onResponseError: (_req, error) => {
			if (error instanceof UploadRefusal) return undefined;
			let refusal: UploadRefusal | undefined;
			if (error instanceof Error) {
				// Unexpected: logged here, and the client gets a key, never the error's text.
				logger().error({ err: error }, 'upload request failed');
				refusal = new UploadRefusal('unknown');
			} else if (error.status_code === 413) {
				refusal = new UploadRefusal(
					'document_too_large',
					sizeLimitDetails(config().MAX_UPLOAD_BYTES)
				);
			}
			return refusal && { status_code: refusal.status_code, body: refusal.body };
		}
	});
	sweepExpiredUploadsHourly(server);
	return server;
}

async function findUpload(id: string): Promise<Upload | null> {
	try {
		return await uploadStore().getUpload(id);
	} catch {
		return null;
	}
}

function isExpired(upload: Upload): boolean {
	if (!upload.creation_date) return false;
	const expiresAt = new Date(upload.creation_date).getTime() + uploadStore().getExpiration();
	return Date.now() > expiresAt;
}

async function discardUpload(id: string): Promise<void> {
	await uploadStore()
		.remove(id)
		.catch(() => {});
	await forgetReceivedBytes(id);
}

/**
 * Turns a complete upload into a document: judge the bytes, move them to document storage under
 * a fresh server-generated key, record the row (idempotent by document id), then drop the
 * partial upload. A refused file is deleted and the refusal carries its message key.
 */
async function finishUpload(upload: Upload, scope: RequestScope): Promise<void> {
	const metadata = upload.metadata ?? {};
	const parsed = uploadMetadataSchema.safeParse(metadata);
	if (!parsed.success || metadata.accountId !== scope.accountId) {
		await discardUpload(upload.id);
		scope.settled = true;
		throw new UploadRefusal('document_metadata_invalid');
	}
	const settings = config();
	const filePath = upload.storage?.path ?? path.join(uploadFolders().partial, upload.id);
	const inspection = await inspectDocumentFile(filePath, {
		maxBytes: settings.MAX_UPLOAD_BYTES,
		maxPixels: settings.MAX_UPLOAD_PIXELS
	});
	if (!inspection.ok) {
		await discardUpload(upload.id);
		scope.settled = true;
		throw new UploadRefusal(inspection.key, inspection.details);
	}

	const storage = documentStorage();
	const storageKey = randomBytes(16).toString('hex');
	await storage.put(storageKey, createReadStream(filePath), {
		sizeBytes: inspection.sizeBytes,
		contentType: inspection.mimeType,
		sha256: inspection.sha256
	});
	const bytesReceived = (await receivedBytesSoFar(upload.id)) + scope.bytesThisRequest;
	let recorded;
	try {
		recorded = await recordDocument(await db(), {
			id: parsed.data.documentId,
			accountId: scope.accountId,
			applicationId: parsed.data.applicationId,
			docType: parsed.data.docType,
			storageKey,
			mimeType: inspection.mimeType,
			sizeBytes: inspection.sizeBytes,
			width: inspection.width,
			height: inspection.height,
			sha256: inspection.sha256,
			originalName: displayFileName(parsed.data.filename),
			bytesReceived
		});
	} catch (error) {
		await storage.delete(storageKey).catch(() => {});
		if (error instanceof AppError) {
			await discardUpload(upload.id);
			scope.settled = true;
		}
		// Anything else leaves the complete upload in place: the next HEAD finishes it again.
		throw refusalFrom(error) ?? error;
	}
	if (!recorded.created) await storage.delete(storageKey);
	await discardUpload(upload.id);
	scope.settled = true;
	for (const key of recorded.replacedStorageKeys) {
		// A leftover file of a replaced document is harmless; the row says it was replaced.
		await storage.delete(key).catch((error: unknown) => {
			logger().warn({ err: error, key }, 'could not delete a replaced document file');
		});
	}
}

/** tus answer for an upload that is already a document: everything has arrived. */
function completeAnswer(method: string, sizeBytes: number): Response {
	return new Response(null, {
		status: method === 'HEAD' ? 200 : 204,
		headers: {
			'Tus-Resumable': TUS_RESUMABLE,
			'Upload-Offset': String(sizeBytes),
			'Upload-Length': String(sizeBytes),
			'Cache-Control': 'no-store'
		}
	});
}

/**
 * Reads and drops a body we do not need. Cancelling it instead would make adapter-node destroy
 * the socket, and the client would see a dropped connection instead of our answer.
 */
async function drainBody(request: Request): Promise<void> {
	if (!request.body) return;
	const reader = request.body.getReader();
	try {
		while (!(await reader.read()).done) {
			// adapter-node's BODY_SIZE_LIMIT bounds what can arrive here.
		}
	} catch {
		// The client went away; nothing to answer.
	}
}

function uploadIdFromUrl(url: string): string | null {
	const { pathname } = new URL(url);
	const rest = pathname.slice(UPLOADS_PATH.length).replace(/^\/+|\/+$/g, '');
	return /^[0-9a-f-]{36}$/i.test(rest) ? rest.toLowerCase() : null;
}

async function forward(request: Request, scope: RequestScope, uploadId: string) {
	let forwarded = request;
	if (request.method === 'PATCH' && request.body) {
		// Counts what actually arrives, so tests (and operators) can tell a resume from a restart.
		const counted = request.body.pipeThrough(
			new TransformStream<Uint8Array, Uint8Array>({
				transform(chunk, controller) {
					scope.bytesThisRequest += chunk.byteLength;
					controller.enqueue(chunk);
				}
			})
		);
		forwarded = new Request(request.url, {
			method: request.method,
			headers: request.headers,
			body: counted,
			// @ts-expect-error a streamed body needs duplex in Node's fetch; the DOM types lack it.
			duplex: 'half'
		});
	}
	scopes.set(forwarded, scope);
	try {
		return await tusServer().handleWeb(forwarded);
	} finally {
		if (!scope.settled) await addReceivedBytes(uploadId, scope.bytesThisRequest);
	}
}

async function createUpload(request: Request, accountId: string): Promise<Response> {
	let raw: Record<string, string | null> | undefined;
	try {
		raw = Metadata.parse(request.headers.get('upload-metadata') ?? undefined);
	} catch {
		throw new UploadRefusal('document_metadata_invalid');
	}
	const parsed = uploadMetadataSchema.safeParse(raw ?? {});
	if (!parsed.success) throw new UploadRefusal('document_metadata_invalid');
	const { documentId, applicationId } = parsed.data;
	const database = await db();
	await assertApplicationTakesDocuments(database, accountId, applicationId);

	const owner = await documentOwner(database, documentId);
	let partial = owner ? null : await findUpload(documentId);
	if (partial && isExpired(partial) && partial.metadata?.accountId === accountId) {
		// Too old to resume: the same document starts afresh rather than meeting 410 forever.
		await discardUpload(documentId);
		partial = null;
	}
	if ((owner ?? partial?.metadata?.accountId ?? accountId) !== accountId) {
		throw new UploadRefusal('forbidden');
	}
	if (owner || partial) {
		// An earlier attempt got further than the client knows (the answer was lost, or the
		// stored URL): point it at the existing upload instead of starting over. A finished one
		// answers "complete"; a partial one answers its first PATCH from offset 0 with 409, and
		// the client's retry asks (HEAD) where to go on.
		return new Response(null, {
			status: 201,
			headers: { 'Tus-Resumable': TUS_RESUMABLE, Location: `${UPLOADS_PATH}/${documentId}` }
		});
	}

	const scope: RequestScope = { accountId, bytesThisRequest: 0, settled: false };
	return forward(request, scope, documentId);
}

async function continueUpload(request: Request, accountId: string): Promise<Response> {
	const method = request.method;
	const uploadId = uploadIdFromUrl(request.url);
	if (!uploadId) throw new UploadRefusal('document_not_found');
	const partial = await findUpload(uploadId);
	const scope: RequestScope = { accountId, bytesThisRequest: 0, settled: false };

	if (partial) {
		// Another account's upload reads as missing, like every other record of theirs.
		if (partial.metadata?.accountId !== accountId) throw new UploadRefusal('document_not_found');
		const complete = partial.size !== undefined && partial.offset === partial.size;
		if (complete && (method === 'HEAD' || method === 'PATCH')) {
			// Every byte arrived but finishing failed earlier (e.g. the database was away): finish
			// now, so the client never believes in a document the server does not have.
			await drainBody(request);
			await finishUpload(partial, scope);
			return completeAnswer(method, partial.size!);
		}
		const response = await forward(request, scope, uploadId);
		if (method === 'DELETE' && response.ok) await forgetReceivedBytes(uploadId);
		return response;
	}

	const finished = await findOwnedDocument(await db(), accountId, uploadId);
	if (finished && (method === 'HEAD' || method === 'PATCH')) {
		await drainBody(request);
		return completeAnswer(method, finished.sizeBytes);
	}
	throw new UploadRefusal('document_not_found');
}

/**
 * The tus endpoint behind SvelteKit: every request must come from the signed-in applicant who
 * owns the application (on creation) or the upload (afterwards).
 */
export async function handleUploadRequest(
	request: Request,
	session: ValidSession | null
): Promise<Response> {
	const method = request.method;
	try {
		if (method === 'OPTIONS') return await tusServer().handleWeb(request);
		if (!session) throw new UploadRefusal('unauthorized');
		if (session.user.role !== 'applicant') throw new UploadRefusal('forbidden');
		if (method === 'POST') return await createUpload(request, session.user.id);
		if (method === 'HEAD' || method === 'PATCH' || method === 'DELETE') {
			return await continueUpload(request, session.user.id);
		}
		return new Response(null, { status: 405, headers: { Allow: 'POST, HEAD, PATCH, DELETE' } });
	} catch (error) {
		const refusal = refusalFrom(error);
		if (refusal) return refusalResponse(method, refusal);
		logger().error({ err: error, method }, 'upload request failed');
		return refusalResponse(method, new UploadRefusal('unknown'));
	}
}

/**
 * Bytes that reached the server for an upload (= document id): the live counter while it is
 * partial, the recorded total once it is a document.
 */
export async function uploadBytesReceived(uploadId: string): Promise<number> {
	if (await findUpload(uploadId)) return receivedBytesSoFar(uploadId);
	const recorded = await recordedBytesReceived(await db(), uploadId);
	return recorded ?? receivedBytesSoFar(uploadId);
}

/** Deletes partial uploads older than UPLOAD_EXPIRY_DAYS; returns how many. */
export function deleteExpiredUploads(): Promise<number> {
	return tusServer().cleanUpExpiredUploads();
}
