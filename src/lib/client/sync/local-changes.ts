import type { Table } from 'dexie';
import type { MutationKind, SyncEntity } from '../../sync-protocol';
import type { LancarDatabase, LocalApplicant, LocalApplication, OutboxEntry } from '../db';

/**
 * Every change the person makes lands here first: the local record is updated and the change
 * is queued in the outbox, in one IndexedDB transaction, so neither can exist without the other.
 */

function newId(): string {
	return crypto.randomUUID();
}

let lastStamp = 0;

/** Strictly increasing within this tab, so two changes in one millisecond keep their order. */
function orderStamp(): number {
	const now = Date.now();
	lastStamp = now > lastStamp ? now : lastStamp + 0.001;
	return lastStamp;
}

function union(a: readonly string[], b: readonly string[]): string[] {
	return [...new Set([...a, ...b])];
}

/**
 * Adds field changes to the outbox. Consecutive edits of one record share one queued entry
 * (typing a name is one change, not twelve); an entry already sent is never altered, since the
 * server may have applied it under its id. A refused entry is revived under a new id, carrying
 * the person's fix along with what was refused.
 */
async function queueFields(
	db: LancarDatabase,
	accountId: string,
	kind: MutationKind,
	entityId: string,
	fields: Record<string, unknown>
): Promise<void> {
	const entries = await db.outbox.where('entityId').equals(entityId).sortBy('createdAt');
	const last = entries.at(-1);
	if (last && last.kind === kind && last.state === 'queued') {
		await db.outbox.update(last.id, { fields: { ...last.fields, ...fields } });
		return;
	}
	if (last && last.kind === kind && last.state === 'rejected') {
		await db.outbox.delete(last.id);
		await db.outbox.add(
			outboxEntry(accountId, kind, entityId, { ...last.fields, ...fields }, last.createdAt)
		);
		return;
	}
	await db.outbox.add(outboxEntry(accountId, kind, entityId, fields));
}

function outboxEntry(
	accountId: string,
	kind: MutationKind,
	entityId: string,
	fields: Record<string, unknown>,
	createdAt = orderStamp()
): OutboxEntry {
	return {
		id: newId(),
		accountId,
		kind,
		entityId,
		fields,
		createdAt,
		state: 'queued',
		baseVersion: null,
		attempts: 0,
		rejection: null
	};
}

async function queueCommand(
	db: LancarDatabase,
	accountId: string,
	kind: MutationKind,
	entityId: string
): Promise<void> {
	const entries = await db.outbox.where('entityId').equals(entityId).toArray();
	if (entries.some((entry) => entry.kind === kind && entry.state !== 'rejected')) return;
	await db.outbox.add(outboxEntry(accountId, kind, entityId, {}));
}

export async function createApplicationDraft(
	db: LancarDatabase,
	accountId: string,
	applicantId: string
): Promise<string> {
	const id = newId();
	await db.transaction('rw', db.applications, db.outbox, async () => {
		const draft: LocalApplication = {
			id,
			accountId,
			applicantId,
			form: {},
			status: 'draft',
			number: null,
			submittedAt: null,
			serverVersion: 0,
			pendingFields: [],
			createdAt: Date.now(),
			updatedAt: Date.now()
		};
		await db.applications.add(draft);
		await queueFields(db, accountId, 'application.save', id, { applicantId });
	});
	return id;
}

/**
 * Saves edited fields of an application. `syncable` are the fields whose values pass the
 * shared draft rules: only those are sent; the others stay on the device until corrected.
 */
export async function editApplication(
	db: LancarDatabase,
	id: string,
	fields: Record<string, unknown>,
	syncable: Record<string, unknown> = fields
): Promise<void> {
	await db.transaction('rw', db.applications, db.outbox, async () => {
		const current = await db.applications.get(id);
		if (!current) throw new Error(`no local application ${id}`);
		await db.applications.update(id, {
			form: { ...current.form, ...fields },
			pendingFields: union(current.pendingFields, Object.keys(fields)),
			updatedAt: Date.now()
		});
		if (Object.keys(syncable).length > 0) {
			await queueFields(db, current.accountId, 'application.save', id, syncable);
		}
	});
}

export async function requestSubmission(db: LancarDatabase, id: string): Promise<void> {
	await db.transaction('rw', db.applications, db.outbox, async () => {
		const current = await db.applications.get(id);
		if (!current) throw new Error(`no local application ${id}`);
		await queueCommand(db, current.accountId, 'application.submit', id);
	});
}

export async function deleteApplicationLocally(db: LancarDatabase, id: string): Promise<void> {
	await db.transaction('rw', [db.applications, db.outbox, db.documents, db.conflicts], async () => {
		const current = await db.applications.get(id);
		if (!current) return;
		const pending = await db.outbox.where('entityId').equals(id).toArray();
		// Never sent: the server has nothing to delete, so the whole history simply goes.
		const neverSent = current.serverVersion === 0 && pending.every((e) => e.state !== 'sending');
		await db.outbox.bulkDelete(pending.filter((e) => e.state !== 'sending').map((e) => e.id));
		if (!neverSent) await queueCommand(db, current.accountId, 'application.delete', id);
		await db.applications.delete(id);
		await db.documents.where('applicationId').equals(id).delete();
		await db.conflicts.where('entityId').equals(id).delete();
	});
}

export async function saveApplicantLocally(
	db: LancarDatabase,
	accountId: string,
	id: string | null,
	profile: Record<string, unknown>
): Promise<string> {
	const applicantId = id ?? newId();
	await db.transaction('rw', db.applicants, db.outbox, async () => {
		const current = await db.applicants.get(applicantId);
		if (!current) {
			const record: LocalApplicant = {
				id: applicantId,
				accountId,
				profile,
				isAccountHolder: profile.isAccountHolder === true,
				serverVersion: 0,
				pendingFields: Object.keys(profile),
				createdAt: Date.now(),
				updatedAt: Date.now()
			};
			await db.applicants.add(record);
			await queueFields(db, accountId, 'applicant.save', applicantId, profile);
			return;
		}
		const changed = Object.fromEntries(
			Object.entries(profile).filter(
				([field, value]) => JSON.stringify(current.profile[field]) !== JSON.stringify(value)
			)
		);
		if (Object.keys(changed).length === 0) return;
		await db.applicants.update(applicantId, {
			profile: { ...current.profile, ...changed },
			isAccountHolder: profile.isAccountHolder === true,
			pendingFields: union(current.pendingFields, Object.keys(changed)),
			updatedAt: Date.now()
		});
		await queueFields(db, accountId, 'applicant.save', applicantId, changed);
	});
	return applicantId;
}

export async function deleteApplicantLocally(db: LancarDatabase, id: string): Promise<void> {
	await db.transaction(
		'rw',
		[db.applicants, db.applications, db.outbox, db.documents, db.conflicts],
		async () => {
			const current = await db.applicants.get(id);
			if (!current) return;
			const drafts = await db.applications.where('applicantId').equals(id).toArray();
			for (const draft of drafts) await deleteApplicationLocally(db, draft.id);
			const pending = await db.outbox.where('entityId').equals(id).toArray();
			await db.outbox.bulkDelete(pending.filter((e) => e.state !== 'sending').map((e) => e.id));
			const neverSent = current.serverVersion === 0 && pending.every((e) => e.state !== 'sending');
			if (!neverSent) await queueCommand(db, current.accountId, 'applicant.delete', id);
			await db.applicants.delete(id);
			await db.conflicts.where('entityId').equals(id).delete();
		}
	);
}

/** Drops a refused change: the record goes back to what the server holds at the next sync. */
export async function discardRejectedChange(db: LancarDatabase, entryId: string): Promise<void> {
	await db.transaction('rw', [db.outbox, db.applicants, db.applications], async () => {
		const entry = await db.outbox.get(entryId);
		if (!entry || entry.state !== 'rejected') return;
		await db.outbox.delete(entryId);
		const table = entityTable(
			db,
			entry.kind.startsWith('applicant.') ? 'applicant' : 'application'
		);
		const record = await table.get(entry.entityId);
		if (!record) return;
		if (record.serverVersion === 0 && entry.kind.endsWith('.save')) {
			// Refused on creation: the server never had it, so there is nothing to go back to.
			await table.delete(entry.entityId);
			return;
		}
		const stillPending = new Set(
			(await db.outbox.where('entityId').equals(entry.entityId).toArray()).flatMap((e) =>
				Object.keys(e.fields)
			)
		);
		await table.update(entry.entityId, {
			pendingFields: record.pendingFields.filter((field: string) => stillPending.has(field))
		});
	});
}

export function entityTable(db: LancarDatabase, entity: SyncEntity) {
	return (entity === 'applicant' ? db.applicants : db.applications) as unknown as Table<
		LocalApplicant | LocalApplication,
		string
	>;
}

/**
 * Settles a conflict field by field: "mine" sends the person's value again, now based on the
 * version that holds the other device's change; "theirs" takes the other device's value here.
 */
export async function resolveConflict(
	db: LancarDatabase,
	conflictId: string,
	choices: Record<string, 'mine' | 'theirs'>
): Promise<void> {
	await db.transaction(
		'rw',
		[db.conflicts, db.outbox, db.applicants, db.applications],
		async () => {
			const conflict = await db.conflicts.get(conflictId);
			if (!conflict) return;
			const table = entityTable(db, conflict.entity);
			const record = await table.get(conflict.entityId);
			if (!record) {
				await db.conflicts.delete(conflictId);
				return;
			}
			const valuesKey = conflict.entity === 'applicant' ? 'profile' : 'form';
			const values = {
				...(record as unknown as Record<string, Record<string, unknown>>)[valuesKey]
			};
			const resend: Record<string, unknown> = {};
			const remaining = { ...conflict.fields };
			for (const [field, choice] of Object.entries(choices)) {
				const pair = conflict.fields[field];
				if (!pair) continue;
				if (choice === 'mine') resend[field] = pair.mine;
				else values[field] = pair.theirs;
				delete remaining[field];
			}
			const settled = Object.keys(choices);
			await table.update(conflict.entityId, {
				[valuesKey]: values,
				pendingFields: record.pendingFields.filter(
					(field: string) => !settled.includes(field) || field in resend
				)
			} as Partial<LocalApplicant & LocalApplication>);
			if (Object.keys(resend).length > 0) {
				const kind = conflict.entity === 'applicant' ? 'applicant.save' : 'application.save';
				await queueFields(db, conflict.accountId, kind, conflict.entityId, resend);
			}
			if (Object.keys(remaining).length === 0) await db.conflicts.delete(conflictId);
			else await db.conflicts.update(conflictId, { fields: remaining });
		}
	);
}
