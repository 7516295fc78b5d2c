import { Dexie, type EntityTable } from 'dexie';
import type { MutationKind } from '../sync-protocol';

/** Who is signed in on this device, kept so the app opens with no signal. */
export interface LocalSession {
	key: 'current';
	accountId: string;
	fullName: string;
	email: string;
	role: 'applicant' | 'staff' | 'office_admin' | 'admin';
	maxApplicants: number;
	cachedAt: number;
}

/** Shared by records the person edits: what the server last confirmed, and what is pending. */
interface Synced {
	accountId: string;
	/** Version the server last confirmed; 0 while the server has never seen the record. */
	serverVersion: number;
	/** Fields changed on this device that the server has not confirmed yet. */
	pendingFields: string[];
	createdAt: number;
	updatedAt: number;
}

export interface LocalApplicant extends Synced {
	id: string;
	profile: Record<string, unknown>;
	isAccountHolder: boolean;
}

export interface LocalApplication extends Synced {
	id: string;
	applicantId: string;
	form: Record<string, unknown>;
	/** Server-owned: only ever written from a server answer. */
	status: string;
	number: string | null;
	submittedAt: string | null;
}

export type LocalDocumentStatus = 'stored' | 'uploading' | 'uploaded' | 'rejected';

/** A document photo or scan, compressed on the device, uploaded resumably. */
export interface LocalDocument {
	id: string;
	accountId: string;
	applicationId: string;
	docType: string;
	blob: Blob;
	thumbnail: Blob | null;
	fileName: string;
	mimeType: string;
	size: number;
	status: LocalDocumentStatus;
	/** tus upload URL once the server created one, so an upload resumes after a restart. */
	uploadUrl: string | null;
	bytesUploaded: number;
	/** Message key of the server's refusal, when status is 'rejected'. */
	error: string | null;
	/** Parameters of that message (e.g. the size limit); not indexed, so no schema version. */
	errorDetails?: Record<string, unknown> | null;
	createdAt: number;
}

/** A change waiting to reach the server; its id makes a resend harmless. */
export interface OutboxEntry {
	id: string;
	accountId: string;
	kind: MutationKind;
	entityId: string;
	/** Field values for saves; empty for submit and delete. */
	fields: Record<string, unknown>;
	createdAt: number;
	/**
	 * 'sending' entries may already have reached the server and are resent unchanged;
	 * 'rejected' ones were refused and wait for the person to fix or discard them.
	 */
	state: 'queued' | 'sending' | 'rejected';
	/** The server version the change was made on, fixed when it is first sent. */
	baseVersion: number | null;
	attempts: number;
	rejection: {
		key: string;
		details: Record<string, unknown> | null;
		fieldErrors: Record<string, string[]> | null;
	} | null;
}

/** A field changed both here and elsewhere; the person picks which value stays. */
export interface SyncConflict {
	id: string;
	accountId: string;
	entity: 'applicant' | 'application';
	entityId: string;
	fields: Record<string, { mine: unknown; theirs: unknown }>;
	serverVersion: number;
	detectedAt: number;
}

/**
 * A payment receipt and its Surat Pengantar, kept the moment they exist so the QR and the
 * letter show with no signal. One per application: a reschedule's receipt replaces the old.
 */
export interface LocalReceipt {
	applicationId: string;
	accountId: string;
	bookingId: string;
	receiptId: string;
	/** The signed JWS shown as the QR. */
	token: string;
	applicantName: string;
	applicationNumber: string;
	officeName: string;
	officeAddress: string;
	timeZone: string;
	date: string;
	startTime: string;
	endTime: string;
	passportType: string;
	service: string;
	expiresAt: number;
	/** The published keys when the receipt was saved, to check the signature offline. */
	jwks: { keys: Record<string, unknown>[] };
	/** The letter PDF once downloaded; null until the worker has rendered it. */
	letter: Blob | null;
	savedAt: number;
}

export interface MetaEntry {
	key: string;
	value: unknown;
}

/** A notice from the server, kept so the notification list reads offline. */
export interface LocalNotice {
	id: string;
	accountId: string;
	kind: string;
	link: string;
	releaseId: string | null;
	params: Record<string, string>;
	/** Epoch milliseconds, for ordering. */
	createdAt: number;
	readAt: number | null;
}

export class LancarDatabase extends Dexie {
	session!: EntityTable<LocalSession, 'key'>;
	applicants!: EntityTable<LocalApplicant, 'id'>;
	applications!: EntityTable<LocalApplication, 'id'>;
	documents!: EntityTable<LocalDocument, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'id'>;
	conflicts!: EntityTable<SyncConflict, 'id'>;
	meta!: EntityTable<MetaEntry, 'key'>;
	receipts!: EntityTable<LocalReceipt, 'applicationId'>;
	notices!: EntityTable<LocalNotice, 'id'>;

	constructor(name = 'lancar') {
		super(name);
		this.version(1).stores({
			session: 'key',
			applicants: 'id, accountId',
			applications: 'id, accountId, applicantId',
			documents: 'id, accountId, applicationId, [applicationId+docType], status',
			outbox: 'id, accountId, entityId, createdAt',
			conflicts: 'id, accountId, entityId',
			meta: 'key'
		});
		// Version 1 stays as it was, so devices upgrade in place; only the new table is added.
		this.version(2).stores({
			receipts: 'applicationId, accountId, bookingId'
		});
		// Notices for the offline notification list.
		this.version(3).stores({
			notices: 'id, accountId, [accountId+createdAt]'
		});
	}
}

let instance: LancarDatabase | undefined;

/** The device's database, opened on first use (never during server rendering). */
export function localDb(): LancarDatabase {
	instance ??= new LancarDatabase();
	return instance;
}
