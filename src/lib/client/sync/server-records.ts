import type { ServerApplicant, ServerApplication, SyncEntity } from '../../sync-protocol';
import type { LancarDatabase, LocalApplicant, LocalApplication } from '../db';

/**
 * Folding what the server says into the device's copy. The server wins for everything it owns
 * (status, number, versions) and for draft fields nobody changed here; fields with changes
 * still on their way — or in conflict — keep the person's values.
 */

export async function pendingFieldsOf(db: LancarDatabase, entityId: string): Promise<Set<string>> {
	const [entries, conflicts] = await Promise.all([
		db.outbox.where('entityId').equals(entityId).toArray(),
		db.conflicts.where('entityId').equals(entityId).toArray()
	]);
	const fields = new Set<string>();
	for (const entry of entries) for (const field of Object.keys(entry.fields)) fields.add(field);
	for (const conflict of conflicts)
		for (const field of Object.keys(conflict.fields)) fields.add(field);
	fields.delete('applicantId');
	return fields;
}

function keepPending(
	server: Record<string, unknown>,
	local: Record<string, unknown> | undefined,
	pending: Set<string>
): Record<string, unknown> {
	const merged = { ...server };
	if (local) for (const field of pending) if (field in local) merged[field] = local[field];
	return merged;
}

export async function foldApplication(
	db: LancarDatabase,
	accountId: string,
	record: ServerApplication
): Promise<void> {
	const local = await db.applications.get(record.id);
	// An answer older than what the device already has (a replayed result) changes nothing.
	if (local && local.serverVersion > record.version) return;
	const pending = await pendingFieldsOf(db, record.id);
	const next: LocalApplication = {
		id: record.id,
		accountId,
		applicantId: record.applicantId,
		form: keepPending(record.form, local?.form, pending),
		status: record.status,
		number: record.number,
		submittedAt: record.submittedAt,
		serverVersion: record.version,
		pendingFields: [...pending],
		createdAt: local?.createdAt ?? Date.parse(record.createdAt),
		updatedAt: local?.updatedAt ?? Date.parse(record.updatedAt)
	};
	await db.applications.put(next);
}

export async function foldApplicant(
	db: LancarDatabase,
	accountId: string,
	record: ServerApplicant
): Promise<void> {
	const local = await db.applicants.get(record.id);
	if (local && local.serverVersion > record.version) return;
	const pending = await pendingFieldsOf(db, record.id);
	const profile = keepPending(record.profile, local?.profile, pending);
	const next: LocalApplicant = {
		id: record.id,
		accountId,
		profile,
		isAccountHolder: profile.isAccountHolder === true,
		serverVersion: record.version,
		pendingFields: [...pending],
		createdAt: local?.createdAt ?? Date.parse(record.createdAt),
		updatedAt: local?.updatedAt ?? Date.parse(record.updatedAt)
	};
	await db.applicants.put(next);
}

export function foldRecord(
	db: LancarDatabase,
	accountId: string,
	entity: SyncEntity,
	record: ServerApplicant | ServerApplication
): Promise<void> {
	return entity === 'applicant'
		? foldApplicant(db, accountId, record as ServerApplicant)
		: foldApplication(db, accountId, record as ServerApplication);
}
