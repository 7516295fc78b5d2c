/**
 * The browser's sync engine (on fake-indexeddb, Dexie as in the browser) against the real
 * server procedures on PostgreSQL: what a phone does offline arrives exactly once.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { LancarDatabase } from '../../src/lib/client/db';
import { SyncEngine, type SyncTransport } from '../../src/lib/client/sync/engine';
import {
	createApplicationDraft,
	deleteApplicationLocally,
	editApplication,
	resolveConflict,
	saveApplicantLocally
} from '../../src/lib/client/sync/local-changes';
import { db } from '../../src/lib/server/db';
import { applications, syncMutations, users } from '../../src/lib/server/db/schema';
import { FakeBrowser, PROFILES, signedInApplicant } from './harness';

async function accountIdOf(browser: FakeBrowser): Promise<string> {
	const caller = await browser.caller();
	const me = await caller.auth.me();
	return me!.id;
}

function transportFor(browser: FakeBrowser): SyncTransport {
	return {
		push: async (mutations) => (await browser.caller()).sync.push({ mutations }),
		pull: async () => (await browser.caller()).sync.pull()
	};
}

/** A phone: its own IndexedDB, the account's session cookie, an engine. */
async function device(browser: FakeBrowser, transport = transportFor(browser)) {
	const local = new LancarDatabase(`device-${randomUUID()}`);
	const accountId = await accountIdOf(browser);
	return { local, accountId, engine: new SyncEngine(local, transport, accountId) };
}

async function serverApplication(id: string) {
	const [row] = await (await db()).select().from(applications).where(eq(applications.id, id));
	return row;
}

describe('sync engine against the server', () => {
	it('sends what was typed offline, coalesced, and the server holds exactly that', async () => {
		const browser = await signedInApplicant('engine');
		const phone = await device(browser);
		const applicantId = await saveApplicantLocally(
			phone.local,
			phone.accountId,
			null,
			PROFILES.siti
		);
		const applicationId = await createApplicationDraft(phone.local, phone.accountId, applicantId);
		for (const value of ['e', 'el', 'ele']) {
			await editApplication(phone.local, applicationId, { destinationAddress: value }, {});
		}
		await editApplication(phone.local, applicationId, {
			service: 'reguler',
			destinationAddress: '12 Orchard Road, Singapore'
		});
		await editApplication(phone.local, applicationId, { passportType: 'elektronik' });
		// The applicant and the draft: each record's typing is one queued change.
		expect(await phone.local.outbox.count()).toBe(2);

		const report = await phone.engine.round();
		expect(report).toEqual({ sent: 2, conflicts: 0, rejected: 0 });
		expect(await phone.local.outbox.count()).toBe(0);

		const row = await serverApplication(applicationId);
		expect(row?.form).toEqual({
			service: 'reguler',
			destinationAddress: '12 Orchard Road, Singapore',
			passportType: 'elektronik'
		});
		const local = await phone.local.applications.get(applicationId);
		expect(local).toMatchObject({
			serverVersion: row!.version,
			pendingFields: [],
			status: 'draft'
		});
	});

	it('resends after an answer was lost and the server applies it once', async () => {
		const browser = await signedInApplicant('lost-answer');
		let dropNextAnswer = true;
		const real = transportFor(browser);
		const flaky: SyncTransport = {
			pull: real.pull,
			async push(mutations) {
				const answer = await real.push(mutations);
				if (dropNextAnswer) {
					dropNextAnswer = false;
					throw new TypeError('Failed to fetch');
				}
				return answer;
			}
		};
		const phone = await device(browser, flaky);
		const applicantId = await saveApplicantLocally(
			phone.local,
			phone.accountId,
			null,
			PROFILES.siti
		);
		const applicationId = await createApplicationDraft(phone.local, phone.accountId, applicantId);
		await editApplication(phone.local, applicationId, { service: 'percepatan' });

		await expect(phone.engine.round()).rejects.toThrow('Failed to fetch');
		const waiting = await phone.local.outbox.toArray();
		expect(waiting.map((entry) => entry.state)).toEqual(['sending', 'sending']);
		// Typed while the answer was lost: a new change, the sent one stays as it was.
		await editApplication(phone.local, applicationId, { passportType: 'biasa' });

		await phone.engine.round();
		await phone.engine.round();
		const row = await serverApplication(applicationId);
		expect(row?.form).toEqual({ service: 'percepatan', passportType: 'biasa' });
		expect(row?.version).toBe(2);
		const applied = await (
			await db()
		)
			.select()
			.from(syncMutations)
			.where(eq(syncMutations.accountId, phone.accountId));
		expect(applied).toHaveLength(3);
	});

	it('pulls the drafts down to a second device', async () => {
		const browser = await signedInApplicant('two-devices');
		const phone = await device(browser);
		const applicantId = await saveApplicantLocally(
			phone.local,
			phone.accountId,
			null,
			PROFILES.siti
		);
		const applicationId = await createApplicationDraft(phone.local, phone.accountId, applicantId);
		await editApplication(phone.local, applicationId, { travelPurpose: 'ibadah_umrah' });
		await phone.engine.round();

		const laptop = await device(browser);
		await laptop.engine.round();
		expect(await laptop.local.applicants.get(applicantId)).toMatchObject({
			profile: expect.objectContaining({ fullName: 'Siti Rahmawati' }),
			isAccountHolder: true
		});
		expect(await laptop.local.applications.get(applicationId)).toMatchObject({
			applicantId,
			form: { travelPurpose: 'ibadah_umrah' },
			status: 'draft'
		});
	});

	it('shows a change made on another device to the same field as a conflict, never dropped', async () => {
		const browser = await signedInApplicant('conflict');
		const phone = await device(browser);
		const applicantId = await saveApplicantLocally(
			phone.local,
			phone.accountId,
			null,
			PROFILES.siti
		);
		const applicationId = await createApplicationDraft(phone.local, phone.accountId, applicantId);
		await editApplication(phone.local, applicationId, {
			service: 'reguler',
			passportType: 'biasa'
		});
		await phone.engine.round();
		const laptop = await device(browser);
		await laptop.engine.round();

		// Both edit while apart; the laptop's change reaches the server first.
		await editApplication(laptop.local, applicationId, { service: 'percepatan' });
		await editApplication(phone.local, applicationId, {
			service: 'reguler',
			travelPurpose: 'wisata'
		});
		await editApplication(phone.local, applicationId, { service: 'percepatan' });
		await editApplication(phone.local, applicationId, { passportType: 'elektronik' });
		await laptop.engine.round();
		const report = await phone.engine.round();
		expect(report.conflicts).toBe(0);

		// Same value on both sides is no conflict; now a real one, made after the laptop caught up.
		await laptop.engine.round();
		await editApplication(laptop.local, applicationId, { passportType: 'elektronik_polikarbonat' });
		await laptop.engine.round();
		await editApplication(phone.local, applicationId, { passportType: 'biasa' });
		const second = await phone.engine.round();
		expect(second.conflicts).toBe(1);

		const conflict = await phone.local.conflicts.get(`application:${applicationId}`);
		expect(conflict?.fields).toEqual({
			passportType: { mine: 'biasa', theirs: 'elektronik_polikarbonat' }
		});
		// The person's value stays on screen until they choose.
		expect((await phone.local.applications.get(applicationId))?.form.passportType).toBe('biasa');
		await phone.engine.round();
		expect((await phone.local.applications.get(applicationId))?.form.passportType).toBe('biasa');

		await resolveConflict(phone.local, conflict!.id, { passportType: 'mine' });
		await phone.engine.round();
		expect((await serverApplication(applicationId))?.form).toMatchObject({
			service: 'percepatan',
			travelPurpose: 'wisata',
			passportType: 'biasa'
		});
		expect(await phone.local.conflicts.count()).toBe(0);
	});

	it('follows a deletion made elsewhere and keeps records never sent', async () => {
		const browser = await signedInApplicant('deleted');
		const phone = await device(browser);
		const applicantId = await saveApplicantLocally(
			phone.local,
			phone.accountId,
			null,
			PROFILES.siti
		);
		const applicationId = await createApplicationDraft(phone.local, phone.accountId, applicantId);
		await phone.engine.round();
		const laptop = await device(browser);
		await laptop.engine.round();
		await deleteApplicationLocally(laptop.local, applicationId);
		await laptop.engine.round();
		expect(await serverApplication(applicationId)).toBeUndefined();

		await phone.engine.round();
		expect(await phone.local.applications.get(applicationId)).toBeUndefined();
		expect(await phone.local.applicants.get(applicantId)).toBeDefined();
	});

	it('marks a refused change and keeps the record on the device', async () => {
		const browser = await signedInApplicant('refused');
		const phone = await device(browser);
		const database = await db();
		await database.update(users).set({ fullName: 'Penguji' }).where(eq(users.id, phone.accountId));
		const nikTwice = await saveApplicantLocally(phone.local, phone.accountId, null, PROFILES.siti);
		const sameNik = await saveApplicantLocally(phone.local, phone.accountId, null, {
			...PROFILES.siti,
			isAccountHolder: false
		});
		const report = await phone.engine.round();
		expect(report).toMatchObject({ sent: 2, rejected: 1 });
		const [refused] = await phone.local.outbox.toArray();
		expect(refused).toMatchObject({
			entityId: sameNik,
			state: 'rejected',
			rejection: { key: 'nik_duplicate' }
		});
		expect(await phone.local.applicants.get(nikTwice)).toMatchObject({ serverVersion: 1 });
		expect(await phone.local.applicants.get(sameNik)).toMatchObject({ serverVersion: 0 });
	});
});
