import { liveQuery } from 'dexie';
import { Upload, type FileReader as TusFileReader } from 'tus-js-client';
import { displayFileName, UPLOAD_CHUNK_BYTES, UPLOADS_PATH } from '../domain/document-uploads';
import type { DocumentType } from '../domain/documents';
import { localDb, type LocalDocument } from './db';
import { isQuotaExceeded } from './storage';
import { nextRetryDelay } from './sync/backoff';
import { DocumentError, prepareDocumentFile } from './prepare-document';
import { DocumentUrlStorage } from './upload-url-storage';

export { DocumentError } from './prepare-document';

/** How uploads reach the server. Browsers use the defaults; tests point it at their server. */
export interface UploadTransport {
	/** Absolute URL of the tus endpoint. */
	endpoint: string;
	/** Extra request headers (a browser sends its session cookie by itself). */
	headers?: Record<string, string>;
	/** How to read a stored Blob, where tus-js-client's own reader cannot (Node). */
	fileReader?: TusFileReader;
	/** Pauses between tus-js-client's retries within one attempt. */
	retryDelaysMs?: number[];
}

function browserTransport(): UploadTransport {
	// Absolute, because tus-js-client resolves the server's Location header against it.
	return { endpoint: new URL(UPLOADS_PATH, location.origin).href };
}

/** tus-js-client's own retries within one attempt; after them the pass scheduler backs off. */
const RETRY_DELAYS_MS = [0, 1_000, 3_000, 6_000, 12_000];
const PROGRESS_WRITE_INTERVAL_MS = 250;

/** Refusals that retrying cannot fix: the person must pick another file. */
const PERMANENT_REFUSALS = new Set([
	'document_empty',
	'document_too_large',
	'document_type_not_allowed',
	'document_unreadable',
	'document_too_many_pixels',
	'document_metadata_invalid',
	'document_application_locked',
	'forbidden'
]);

export interface UploadFailure {
	/** The person must choose another file; no retry. */
	permanent: boolean;
	key: string;
	details: Record<string, unknown> | null;
	/** The server no longer has the partial upload; the next attempt creates a new one. */
	forgetUrl: boolean;
}

interface ResponseLike {
	getStatus(): number;
	getBody(): string;
}

/** Reads what the server said (a JSON body with a message key) from a tus-js-client error. */
export function classifyUploadFailure(error: unknown): UploadFailure {
	const response = (error as { originalResponse?: ResponseLike | null } | null)?.originalResponse;
	if (!response) return { permanent: false, key: 'network', details: null, forgetUrl: false };
	const status = response.getStatus();
	let body: { key?: unknown; details?: unknown } = {};
	try {
		body = JSON.parse(response.getBody() || '{}');
	} catch {
		// A plain-text tus error: only the status speaks.
	}
	const key = typeof body.key === 'string' ? body.key : null;
	const details =
		body.details && typeof body.details === 'object'
			? (body.details as Record<string, unknown>)
			: null;
	if (key && PERMANENT_REFUSALS.has(key)) return { permanent: true, key, details, forgetUrl: true };
	const gone = status === 404 || status === 410;
	return {
		permanent: false,
		key: key ?? (status >= 500 ? 'unknown' : 'network'),
		details: null,
		forgetUrl: gone
	};
}

type Outcome = 'uploaded' | 'rejected' | 'retry' | 'cancelled';

interface ActiveUpload {
	upload: Upload;
	cancel(): void;
}

const activeUploads = new Map<string, ActiveUpload>();

async function markUploaded(document: LocalDocument): Promise<void> {
	const db = localDb();
	await db.transaction('rw', db.documents, async () => {
		const updated = await db.documents.update(document.id, {
			status: 'uploaded',
			bytesUploaded: document.size,
			error: null,
			errorDetails: null
		});
		if (!updated) return;
		// The server has made this one current: older uploaded versions on this device are gone
		// there too.
		const older = await db.documents
			.where('[applicationId+docType]')
			.equals([document.applicationId, document.docType])
			.filter(
				(other) =>
					other.id !== document.id &&
					other.status === 'uploaded' &&
					other.createdAt <= document.createdAt
			)
			.primaryKeys();
		await db.documents.bulkDelete(older);
	});
}

async function markFailed(document: LocalDocument, error: unknown): Promise<Outcome> {
	const failure = classifyUploadFailure(error);
	await localDb().documents.update(document.id, {
		status: failure.permanent ? 'rejected' : 'stored',
		error: failure.key,
		errorDetails: failure.details,
		...(failure.forgetUrl ? { uploadUrl: null, bytesUploaded: 0 } : {})
	});
	return failure.permanent ? 'rejected' : 'retry';
}

function uploadOne(document: LocalDocument, transport: UploadTransport): Promise<Outcome> {
	const db = localDb();
	// Only a document that was on its way may have bytes on the server; a fresh one skips the HEAD.
	const mayResume = document.uploadUrl !== null || document.status === 'uploading';
	return new Promise<Outcome>((resolve) => {
		let lastProgressWrite = 0;
		const upload = new Upload(document.blob, {
			endpoint: transport.endpoint,
			chunkSize: UPLOAD_CHUNK_BYTES,
			retryDelays: transport.retryDelaysMs ?? RETRY_DELAYS_MS,
			metadata: {
				documentId: document.id,
				applicationId: document.applicationId,
				docType: document.docType,
				filename: document.fileName,
				filetype: document.mimeType
			},
			...(transport.headers ? { headers: transport.headers } : {}),
			...(transport.fileReader ? { fileReader: transport.fileReader } : {}),
			urlStorage: new DocumentUrlStorage(db, (id) => `${transport.endpoint}/${id}`),
			fingerprint: async () => document.id,
			storeFingerprintForResuming: true,
			removeFingerprintOnSuccess: false,
			onProgress(bytesSent) {
				const now = Date.now();
				if (now - lastProgressWrite < PROGRESS_WRITE_INTERVAL_MS) return;
				lastProgressWrite = now;
				void db.documents.update(document.id, { bytesUploaded: bytesSent });
			},
			onChunkComplete(_chunkSize, bytesAccepted) {
				void db.documents.update(document.id, { bytesUploaded: bytesAccepted });
			},
			onSuccess() {
				markUploaded(document).then(
					() => resolve('uploaded'),
					() => resolve('retry')
				);
			},
			onError(error) {
				markFailed(document, error).then(resolve, () => resolve('retry'));
			}
		});
		activeUploads.set(document.id, { upload, cancel: () => resolve('cancelled') });
		const begin = mayResume ? upload.findPreviousUploads() : Promise.resolve([]);
		begin
			.then((previous) => {
				if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
			})
			.catch(() => {})
			.finally(() => upload.start());
	}).finally(() => activeUploads.delete(document.id));
}

/** Stops a running upload; with `terminate`, also asks the server to drop its partial bytes. */
async function cancelUpload(
	document: Pick<LocalDocument, 'id' | 'uploadUrl'>,
	transport: UploadTransport
): Promise<void> {
	const active = activeUploads.get(document.id);
	if (active) {
		active.cancel();
		await active.upload.abort(true).catch(() => {});
		return;
	}
	if (document.uploadUrl) {
		await Upload.terminate(document.uploadUrl, {
			...(transport.headers ? { headers: transport.headers } : {}),
			retryDelays: null
		}).catch(() => {});
	}
}

export interface UploadPassResult {
	uploaded: number;
	rejected: number;
	/** Will be tried again (no connection, server trouble). */
	failed: number;
	/** Their application has not reached the server yet. */
	waiting: number;
}

async function onePass(accountId: string, transport: UploadTransport): Promise<UploadPassResult> {
	const db = localDb();
	const pending = await db.documents
		.where('accountId')
		.equals(accountId)
		.filter((document) => document.status === 'stored' || document.status === 'uploading')
		.toArray();
	const applicationIds = [...new Set(pending.map((document) => document.applicationId))];
	const applications = await db.applications.bulkGet(applicationIds);
	const known = new Set(
		applications.flatMap((application) =>
			application && application.serverVersion > 0 ? [application.id] : []
		)
	);
	const ready = pending
		.filter((document) => known.has(document.applicationId))
		.sort((a, b) => a.createdAt - b.createdAt);
	const result: UploadPassResult = {
		uploaded: 0,
		rejected: 0,
		failed: 0,
		waiting: pending.length - ready.length
	};
	// One at a time: on a thin mobile link, parallel uploads only make each one slower.
	for (const document of ready) {
		if (activeUploads.has(document.id)) continue;
		await db.documents.update(document.id, { status: 'uploading', error: null });
		const outcome = await uploadOne(document, transport);
		if (outcome === 'uploaded') result.uploaded++;
		else if (outcome === 'rejected') result.rejected++;
		else if (outcome === 'retry') result.failed++;
	}
	return result;
}

const runningPasses = new Map<string, { promise: Promise<UploadPassResult>; again: boolean }>();

/**
 * Uploads every document of the account that is stored or half uploaded and whose application
 * the server knows, resuming where the server's bytes end. A call during a running pass makes
 * that pass look again once it is done, so nothing added meanwhile waits for the next trigger.
 */
export function uploadPendingDocuments(
	accountId: string,
	transport: UploadTransport = browserTransport()
): Promise<UploadPassResult> {
	const running = runningPasses.get(accountId);
	if (running) {
		running.again = true;
		return running.promise;
	}
	const state = { again: false, promise: Promise.resolve({} as UploadPassResult) };
	state.promise = (async () => {
		try {
			let result: UploadPassResult;
			do {
				state.again = false;
				result = await onePass(accountId, transport);
			} while (state.again);
			return result;
		} finally {
			runningPasses.delete(accountId);
		}
	})();
	runningPasses.set(accountId, state);
	return state.promise;
}

export interface AddDocumentInput {
	accountId: string;
	applicationId: string;
	docType: DocumentType;
	/** What the person picked or photographed; a File's name is kept for display only. */
	file: Blob & { name?: string };
}

/**
 * Keeps a picked or photographed document on this device (compressed if it is an image), then
 * starts uploading it. Earlier versions for the same application and type that never reached
 * the server are dropped; an uploaded one stays until this one has replaced it on the server.
 */
export async function addDocument(
	input: AddDocumentInput,
	transport: UploadTransport = browserTransport()
): Promise<LocalDocument> {
	const prepared = await prepareDocumentFile(input.file);
	const document: LocalDocument = {
		id: crypto.randomUUID(),
		accountId: input.accountId,
		applicationId: input.applicationId,
		docType: input.docType,
		blob: prepared.blob,
		thumbnail: prepared.thumbnail,
		fileName: displayFileName(input.file.name ?? ''),
		mimeType: prepared.mimeType,
		size: prepared.blob.size,
		status: 'stored',
		uploadUrl: null,
		bytesUploaded: 0,
		error: null,
		errorDetails: null,
		createdAt: Date.now()
	};
	const db = localDb();
	let superseded: LocalDocument[] = [];
	try {
		await db.transaction('rw', db.documents, async () => {
			superseded = await db.documents
				.where('[applicationId+docType]')
				.equals([input.applicationId, input.docType])
				.filter((earlier) => earlier.status !== 'uploaded')
				.toArray();
			await db.documents.bulkDelete(superseded.map((earlier) => earlier.id));
			await db.documents.add(document);
		});
	} catch (error) {
		if (isQuotaExceeded(error)) throw new DocumentError('document_storage_full');
		throw error;
	}
	for (const earlier of superseded) await cancelUpload(earlier, transport);
	void uploadPendingDocuments(input.accountId, transport).catch(() => {});
	return document;
}

const schedulers = new Map<string, { users: number; stop: () => void }>();

/**
 * Keeps uploads going for a signed-in account: now, whenever the browser comes back online,
 * whenever an application reaches the server, and after failures with growing pauses.
 * Every caller (the app shell, each document slot) gets a function to let go; the scheduler
 * runs once per account and stops when the last one lets go.
 */
export function startDocumentUploads(
	accountId: string,
	transport: UploadTransport = browserTransport()
): () => void {
	let scheduler = schedulers.get(accountId);
	if (!scheduler) {
		scheduler = { users: 0, stop: schedule(accountId, transport) };
		schedulers.set(accountId, scheduler);
	}
	scheduler.users++;
	let released = false;
	return () => {
		if (released) return;
		released = true;
		if (--scheduler.users === 0) {
			scheduler.stop();
			schedulers.delete(accountId);
		}
	};
}

function schedule(accountId: string, transport: UploadTransport): () => void {
	let failedPasses = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;

	const run = async () => {
		clearTimeout(timer);
		if (stopped) return;
		const result = await uploadPendingDocuments(accountId, transport).catch(() => null);
		if (stopped) return;
		if (!result || result.failed > 0) {
			failedPasses++;
			timer = setTimeout(run, nextRetryDelay(failedPasses));
		} else {
			failedPasses = 0;
		}
	};
	const onOnline = () => {
		failedPasses = 0;
		void run();
	};
	globalThis.addEventListener?.('online', onOnline);
	// An application reaching the server (serverVersion 0 → n) releases its waiting documents.
	const knownApplications = liveQuery(async () =>
		(await localDb().applications.where('accountId').equals(accountId).toArray())
			.filter((application) => application.serverVersion > 0)
			.map((application) => application.id)
			.sort()
			.join(',')
	).subscribe({ next: () => void run(), error: () => {} });

	return () => {
		stopped = true;
		clearTimeout(timer);
		globalThis.removeEventListener?.('online', onOnline);
		knownApplications.unsubscribe();
	};
}

/** Removes a document from this device and, if it was uploaded, from the application. */
export async function removeDocument(
	id: string,
	withdrawOnServer: (id: string) => Promise<unknown>,
	transport: UploadTransport = browserTransport()
): Promise<void> {
	const document = await localDb().documents.get(id);
	if (!document) return;
	await cancelUpload(document, transport);
	// A document the server holds must leave there first, or it would come back on the next pull.
	if (document.status === 'uploaded') await withdrawOnServer(id);
	await localDb().documents.delete(id);
}
