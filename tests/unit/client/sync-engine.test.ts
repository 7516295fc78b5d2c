/**
 * The engine's own rules on fake-indexeddb: ordering, coalescing, what a failed send leaves
 * behind, and rejections. The transport records what it was given and answers like the server
 * protocol does; the engine against the real server is tested in tests/integration.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LancarDatabase } from '../../../src/lib/client/db';
import { SyncEngine, type SyncTransport } from '../../../src/lib/client/sync/engine';
import {
	createApplicationDraft,
	editApplication,
	saveApplicantLocally
} from '../../../src/lib/client/sync/local-changes';
import type { Mutation, MutationResult, PullResult } from '../../../src/lib/sync-protocol';

const ACCOUNT = '00000000-0000-4000-8000-000000000001';

class RecordingTransport implements SyncTransport {
	batches: Mutation[][] = [];
	failNext = 0;
	reject = new Set<string>();
	versions = new Map<string, number>();

	async push(mutations: Mutation[]) {
		this.batches.push(mutations);
		if (this.failNext > 0) {
			this.failNext -= 1;
			throw new TypeError('Failed to fetch');
		}
		const results: MutationResult[] = mutations.map((mutation) => {
			const entity = mutation.kind.startsWith('applicant.') ? 'applicant' : 'application';
			if (this.reject.has(mutation.entityId)) {
				return {
					id: mutation.id,
					status: 'rejected',
					entity,
					key: 'nik_duplicate',
					details: null,
					fieldErrors: null,
					record: null
				};
			}
			const version = (this.versions.get(mutation.entityId) ?? 0) + 1;
			this.versions.set(mutation.entityId, version);
			return { id: mutation.id, status: 'applied', entity, record: null };
		});
		return { results };
	}

	async pull(): Promise<PullResult> {
		return {
			applicants: [],
			applications: [],
			maxApplicants: 5,
			serverTime: new Date().toISOString()
		};
	}
}

function setup() {
	const local = new LancarDatabase(`unit-${randomUUID()}`);
	const transport = new RecordingTransport();
	return { local, transport, engine: new SyncEngine(local, transport, ACCOUNT) };
}

const PROFILE = { nik: '3273014312850002', fullName: 'Siti' };

describe('SyncEngine', () => {
	it('sends changes in the order they were made, one save per record per batch', async () => {
		const { local, transport, engine } = setup();
		const applicantId = await saveApplicantLocally(local, ACCOUNT, null, PROFILE);
		const applicationId = await createApplicationDraft(local, ACCOUNT, applicantId);
		await engine.round().catch(() => {});
		expect(transport.batches[0]!.map((m) => [m.kind, m.entityId])).toEqual([
			['applicant.save', applicantId],
			['application.save', applicationId]
		]);
	});

	it('folds consecutive edits of a record into one queued change', async () => {
		const { local } = setup();
		const applicantId = await saveApplicantLocally(local, ACCOUNT, null, PROFILE);
		const applicationId = await createApplicationDraft(local, ACCOUNT, applicantId);
		await editApplication(local, applicationId, { service: 'reguler' });
		await editApplication(local, applicationId, { service: 'percepatan', passportType: 'biasa' });
		const entries = await local.outbox.where('entityId').equals(applicationId).toArray();
		expect(entries).toHaveLength(1);
		expect(entries[0]!.fields).toEqual({
			applicantId,
			service: 'percepatan',
			passportType: 'biasa'
		});
	});

	it('keeps a sent change unchanged after a failed send and resends it under the same id', async () => {
		const { local, transport, engine } = setup();
		const applicantId = await saveApplicantLocally(local, ACCOUNT, null, PROFILE);
		transport.failNext = 1;
		await expect(engine.round()).rejects.toThrow('Failed to fetch');
		const [sent] = await local.outbox.toArray();
		expect(sent).toMatchObject({ state: 'sending', baseVersion: 0, attempts: 1 });

		await saveApplicantLocally(local, ACCOUNT, applicantId, { ...PROFILE, fullName: 'Siti R' });
		expect(await local.outbox.count()).toBe(2);
		await engine.round();
		const ids = transport.batches.map((batch) => batch.map((m) => m.id));
		expect(ids[1]![0]).toBe(ids[0]![0]);
		expect(transport.batches[1]![0]!.fields).toEqual(transport.batches[0]![0]!.fields);
		// The later edit waited for its own batch, after the first one was answered.
		expect(transport.batches[2]!.map((m) => m.fields)).toEqual([{ fullName: 'Siti R' }]);
		expect(await local.outbox.count()).toBe(0);
	});

	it('marks a refused change and revives it under a new id when the person edits again', async () => {
		const { local, transport, engine } = setup();
		const applicantId = await saveApplicantLocally(local, ACCOUNT, null, PROFILE);
		transport.reject.add(applicantId);
		expect(await engine.round()).toMatchObject({ rejected: 1 });
		const [refused] = await local.outbox.toArray();
		expect(refused).toMatchObject({ state: 'rejected', rejection: { key: 'nik_duplicate' } });
		// A refused change is not resent on its own.
		await engine.round();
		expect(transport.batches).toHaveLength(1);

		transport.reject.clear();
		await saveApplicantLocally(local, ACCOUNT, applicantId, {
			...PROFILE,
			nik: '3273014312850003'
		});
		const [revived] = await local.outbox.toArray();
		expect(revived!.id).not.toBe(refused!.id);
		expect(revived).toMatchObject({
			state: 'queued',
			fields: { nik: '3273014312850003', fullName: 'Siti' }
		});
	});
});
