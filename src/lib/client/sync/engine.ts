import {
	MAX_MUTATIONS_PER_PUSH,
	type Mutation,
	type MutationResult,
	type PullResult
} from '../../sync-protocol';
import type { LancarDatabase, OutboxEntry } from '../db';
import { foldRecord } from './server-records';
import { entityTable } from './local-changes';

/** How the engine reaches the server; the browser uses tRPC, tests may use anything real. */
export interface SyncTransport {
	push(mutations: Mutation[]): Promise<{ results: MutationResult[] }>;
	pull(): Promise<PullResult>;
}

/** Why a round could not finish, as the person needs to hear it. */
export type SyncFailure = 'offline' | 'signed_out' | 'server';

export class SyncFailed extends Error {
	constructor(readonly reason: SyncFailure) {
		super(`sync failed: ${reason}`);
		this.name = 'SyncFailed';
	}
}

export interface RoundReport {
	sent: number;
	conflicts: number;
	rejected: number;
}

/**
 * One sync round: push the outbox in order, then pull the account's records. Each step's
 * effect on IndexedDB is one transaction, so closing the app between any two steps leaves
 * a state the next round continues from.
 */
export class SyncEngine {
	constructor(
		private readonly db: LancarDatabase,
		private readonly transport: SyncTransport,
		readonly accountId: string
	) {}

	async round(): Promise<RoundReport> {
		const report: RoundReport = { sent: 0, conflicts: 0, rejected: 0 };
		for (;;) {
			const batch = await this.prepareBatch();
			if (batch.length === 0) break;
			const { results } = await this.transport.push(batch.map(toMutation));
			const before = report.sent;
			await this.applyResults(batch, results, report);
			// An answer that settles nothing would make this loop spin; the next round retries.
			if (report.sent === before) throw new SyncFailed('server');
		}
		await this.applySnapshot(await this.transport.pull());
		return report;
	}

	/**
	 * Takes the oldest waiting changes, at most one save per record: a second save of the same
	 * record must be based on the version the first one produces, so it waits for the next batch.
	 */
	private async prepareBatch(): Promise<OutboxEntry[]> {
		const { db } = this;
		return db.transaction('rw', [db.outbox, db.applicants, db.applications], async () => {
			const waiting = (
				await db.outbox.where('accountId').equals(this.accountId).sortBy('createdAt')
			).filter((entry) => entry.state !== 'rejected');
			const batch: OutboxEntry[] = [];
			const blocked = new Set<string>();
			for (const entry of waiting) {
				if (batch.length >= MAX_MUTATIONS_PER_PUSH) break;
				if (blocked.has(entry.entityId)) continue;
				// Everything after a save of this record waits: order per record is kept.
				blocked.add(entry.entityId);
				if (entry.state === 'queued') {
					const table = entityTable(
						db,
						entry.kind.startsWith('applicant.') ? 'applicant' : 'application'
					);
					const record = await table.get(entry.entityId);
					entry.baseVersion = record?.serverVersion ?? 0;
					entry.state = 'sending';
				}
				entry.attempts += 1;
				await db.outbox.put(entry);
				batch.push(entry);
			}
			return batch;
		});
	}

	private async applyResults(
		batch: OutboxEntry[],
		results: MutationResult[],
		report: RoundReport
	): Promise<void> {
		const { db } = this;
		const byId = new Map(results.map((result) => [result.id, result]));
		await db.transaction(
			'rw',
			[db.outbox, db.applicants, db.applications, db.conflicts],
			async () => {
				for (const entry of batch) {
					const result = byId.get(entry.id);
					if (!result) continue;
					report.sent += 1;
					if (result.status === 'rejected') {
						report.rejected += 1;
						await db.outbox.update(entry.id, {
							state: 'rejected',
							rejection: {
								key: result.key,
								details: result.details,
								fieldErrors: result.fieldErrors
							}
						});
						continue;
					}
					await db.outbox.delete(entry.id);
					if (result.status === 'conflict') {
						report.conflicts += 1;
						await db.conflicts.put({
							id: `${result.entity}:${entry.entityId}`,
							accountId: this.accountId,
							entity: result.entity,
							entityId: entry.entityId,
							fields: Object.fromEntries(
								result.conflicts.map(({ field, theirs }) => [
									field,
									{ mine: entry.fields[field] ?? null, theirs }
								])
							),
							serverVersion: result.record.version,
							detectedAt: Date.now()
						});
					}
					if (result.record) {
						await foldRecord(db, this.accountId, result.entity, result.record);
					} else if (entry.kind.endsWith('.delete')) {
						await entityTable(db, result.entity).delete(entry.entityId);
					}
				}
			}
		);
	}

	/** The server's full set: new records arrive, deletions made elsewhere are followed. */
	private async applySnapshot(snapshot: PullResult): Promise<void> {
		const { db } = this;
		await db.transaction(
			'rw',
			[db.outbox, db.applicants, db.applications, db.conflicts, db.documents, db.session],
			async () => {
				for (const record of snapshot.applicants) {
					await foldRecord(db, this.accountId, 'applicant', record);
				}
				for (const record of snapshot.applications) {
					await foldRecord(db, this.accountId, 'application', record);
				}
				const present = new Set([
					...snapshot.applicants.map((record) => record.id),
					...snapshot.applications.map((record) => record.id)
				]);
				const waiting = new Set(
					(await db.outbox.where('accountId').equals(this.accountId).toArray()).map(
						(entry) => entry.entityId
					)
				);
				const gone = (record: { id: string; serverVersion: number }) =>
					record.serverVersion > 0 && !present.has(record.id) && !waiting.has(record.id);
				const applications = await db.applications
					.where('accountId')
					.equals(this.accountId)
					.toArray();
				for (const application of applications.filter(gone)) {
					await db.applications.delete(application.id);
					await db.documents.where('applicationId').equals(application.id).delete();
				}
				const applicants = await db.applicants.where('accountId').equals(this.accountId).toArray();
				await db.applicants.bulkDelete(applicants.filter(gone).map((applicant) => applicant.id));
				await db.session
					.where('key')
					.equals('current')
					.modify({ maxApplicants: snapshot.maxApplicants });
			}
		);
	}
}

function toMutation(entry: OutboxEntry): Mutation {
	return {
		id: entry.id,
		kind: entry.kind,
		entityId: entry.entityId,
		baseVersion: entry.baseVersion ?? 0,
		fields: entry.fields
	};
}
