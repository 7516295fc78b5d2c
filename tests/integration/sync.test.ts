import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { applicants, applications, syncMutations } from '../../src/lib/server/db/schema';
import type { Mutation, MutationResult } from '../../src/lib/sync-protocol';
import { childProfile, FakeBrowser, PROFILES, signedInApplicant } from './harness';
import { expectRefusal } from './refusal';

function mutation(
	kind: Mutation['kind'],
	entityId: string,
	fields: Record<string, unknown> = {},
	baseVersion = 0
): Mutation {
	return { id: randomUUID(), kind, entityId, baseVersion, fields };
}

async function push(browser: FakeBrowser, ...mutations: Mutation[]): Promise<MutationResult[]> {
	return (await (await browser.caller()).sync.push({ mutations })).results;
}

/** An account with one applicant and a draft for them, made the way the app makes them. */
async function accountWithDraft() {
	const browser = await signedInApplicant('sync');
	const applicantId = randomUUID();
	const applicationId = randomUUID();
	const results = await push(
		browser,
		mutation('applicant.save', applicantId, PROFILES.siti),
		mutation('application.save', applicationId, { applicantId, service: 'reguler' })
	);
	expect(results.map((result) => result.status)).toEqual(['applied', 'applied']);
	return { browser, applicantId, applicationId };
}

describe('sync.push', () => {
	it('creates an applicant and a draft under the ids the device chose, and pull returns them', async () => {
		const { browser, applicantId, applicationId } = await accountWithDraft();
		const pulled = await (await browser.caller()).sync.pull();
		expect(pulled.maxApplicants).toBe(5);
		expect(pulled.applicants).toEqual([
			expect.objectContaining({ id: applicantId, version: 1, category: 'dewasa' })
		]);
		expect(pulled.applicants[0]!.profile).toMatchObject({
			nik: '3273014312850002',
			phone: '+6281234567890'
		});
		expect(pulled.applications).toEqual([
			expect.objectContaining({
				id: applicationId,
				applicantId,
				status: 'draft',
				version: 1,
				form: { service: 'reguler' }
			})
		]);
	});

	it('applies a resent mutation once and answers it the same way', async () => {
		const { browser, applicationId } = await accountWithDraft();
		const change = mutation('application.save', applicationId, { passportType: 'elektronik' }, 1);
		const [first] = await push(browser, change);
		const [again] = await push(browser, change);
		expect(again).toEqual(first);
		const [row] = await (
			await db()
		)
			.select()
			.from(applications)
			.where(eq(applications.id, applicationId));
		expect(row!.version).toBe(2);
		expect(row!.form).toEqual({ service: 'reguler', passportType: 'elektronik' });
	});

	it('applies the same mutation sent concurrently from two tabs exactly once', async () => {
		const { browser, applicationId } = await accountWithDraft();
		const change = mutation('application.save', applicationId, { validityYears: 10 }, 1);
		const answers = await Promise.all([
			push(browser, change),
			push(browser, change),
			push(browser, change)
		]);
		for (const results of answers) expect(results[0]).toEqual(answers[0]![0]);
		const [row] = await (
			await db()
		)
			.select()
			.from(applications)
			.where(eq(applications.id, applicationId));
		expect(row!.version).toBe(2);
		const claims = await (
			await db()
		)
			.select()
			.from(syncMutations)
			.where(eq(syncMutations.id, change.id));
		expect(claims).toHaveLength(1);
	});

	it('merges edits of different fields from two devices without a conflict', async () => {
		const { browser, applicationId } = await accountWithDraft();
		const [phone] = await push(
			browser,
			mutation('application.save', applicationId, { passportType: 'biasa' }, 1)
		);
		// The second device still holds version 1 and changed another field.
		const [laptop] = await push(
			browser,
			mutation('application.save', applicationId, { travelPurpose: 'wisata' }, 1)
		);
		expect(phone!.status).toBe('applied');
		expect(laptop).toMatchObject({ status: 'applied' });
		expect((laptop as { record: { form: unknown; version: number } }).record).toMatchObject({
			version: 3,
			form: { service: 'reguler', passportType: 'biasa', travelPurpose: 'wisata' }
		});
	});

	it('reports the same field changed elsewhere as a conflict, keeps theirs, applies the rest', async () => {
		const { browser, applicationId } = await accountWithDraft();
		await push(browser, mutation('application.save', applicationId, { service: 'percepatan' }, 1));
		const [result] = await push(
			browser,
			mutation('application.save', applicationId, { service: 'reguler', passportType: 'biasa' }, 1)
		);
		expect(result).toMatchObject({
			status: 'conflict',
			conflicts: [{ field: 'service', theirs: 'percepatan' }],
			record: { version: 3, form: { service: 'percepatan', passportType: 'biasa' } }
		});
		// Choosing "mine" resends based on the version that holds their change: it applies.
		const [resolved] = await push(
			browser,
			mutation('application.save', applicationId, { service: 'reguler' }, 3)
		);
		expect(resolved).toMatchObject({ status: 'applied', record: { form: { service: 'reguler' } } });
	});

	it('lets the same value arriving twice pass without a conflict', async () => {
		const { browser, applicationId } = await accountWithDraft();
		await push(browser, mutation('application.save', applicationId, { passportType: 'biasa' }, 1));
		const [same] = await push(
			browser,
			mutation('application.save', applicationId, { passportType: 'biasa' }, 1)
		);
		expect(same!.status).toBe('applied');
	});

	it('refuses fields the server owns or does not know, changing nothing', async () => {
		const { browser, applicationId } = await accountWithDraft();
		const [result] = await push(
			browser,
			mutation('application.save', applicationId, { status: 'paid' }, 1)
		);
		expect(result).toMatchObject({ status: 'rejected', key: 'sync_unknown_field' });
		const [row] = await (
			await db()
		)
			.select()
			.from(applications)
			.where(eq(applications.id, applicationId));
		expect(row).toMatchObject({ status: 'draft', version: 1 });
	});

	it('refuses a malformed field with its message key and keeps the record as it was', async () => {
		const { browser, applicationId } = await accountWithDraft();
		const [result] = await push(
			browser,
			mutation('application.save', applicationId, { oldPassportNumber: '12' }, 1)
		);
		expect(result).toMatchObject({
			status: 'rejected',
			key: 'form_has_errors',
			fieldErrors: { oldPassportNumber: ['passport_number_invalid'] }
		});
	});

	it('refuses a sixth applicant and an applicant with a bad NIK', async () => {
		const browser = await signedInApplicant('sync-limit');
		const five = Array.from({ length: 5 }, (_, index) =>
			mutation('applicant.save', randomUUID(), childProfile(index + 1))
		);
		const sixth = mutation('applicant.save', randomUUID(), childProfile(6));
		const badNik = mutation('applicant.save', randomUUID(), {
			...PROFILES.budi,
			nik: '3174051705900000'
		});
		const results = await push(browser, ...five, sixth, badNik);
		expect(results.slice(0, 5).every((result) => result.status === 'applied')).toBe(true);
		expect(results[5]).toMatchObject({
			status: 'rejected',
			key: 'applicant_limit',
			details: { max: 5 }
		});
		expect(results[6]).toMatchObject({ status: 'rejected', key: 'form_has_errors' });
	});

	it('refuses a second live application for the same person, naming the existing one', async () => {
		const { browser, applicantId, applicationId } = await accountWithDraft();
		const [second] = await push(
			browser,
			mutation('application.save', randomUUID(), { applicantId, service: 'percepatan' })
		);
		expect(second).toMatchObject({
			status: 'rejected',
			key: 'application_exists',
			details: { existingId: applicationId }
		});
	});

	it('refuses to submit an incomplete application and says what is missing', async () => {
		const { browser, applicationId } = await accountWithDraft();
		const [result] = await push(browser, mutation('application.submit', applicationId));
		expect(result).toMatchObject({ status: 'rejected', key: 'application_incomplete' });
		const details = (result as unknown as { details: { missingFields: string[] } }).details;
		expect(details.missingFields).toContain('passportType');
		const [row] = await (
			await db()
		)
			.select()
			.from(applications)
			.where(eq(applications.id, applicationId));
		expect(row).toMatchObject({ status: 'draft', number: null });
	});

	it('deletes an applicant together with their draft, and a repeated delete is harmless', async () => {
		const { browser, applicantId, applicationId } = await accountWithDraft();
		const results = await push(
			browser,
			mutation('applicant.delete', applicantId),
			mutation('applicant.delete', applicantId)
		);
		expect(results.map((result) => result.status)).toEqual(['applied', 'applied']);
		const database = await db();
		expect(
			await database.select().from(applications).where(eq(applications.id, applicationId))
		).toEqual([]);
		expect(await database.select().from(applicants).where(eq(applicants.id, applicantId))).toEqual(
			[]
		);
	});

	it('treats a change to a record deleted elsewhere as refused, not as a re-creation', async () => {
		const { browser, applicationId } = await accountWithDraft();
		await push(browser, mutation('application.delete', applicationId));
		const [late] = await push(
			browser,
			mutation('application.save', applicationId, { service: 'percepatan' }, 1)
		);
		expect(late).toMatchObject({ status: 'rejected', key: 'application_deleted' });
	});
});

describe('sync authorization', () => {
	it('never lets one account read or change another account’s records', async () => {
		const { applicantId, applicationId } = await accountWithDraft();
		const stranger = await signedInApplicant('stranger');

		const [edit] = await push(
			stranger,
			mutation('application.save', applicationId, { service: 'percepatan' }, 1)
		);
		expect(edit).toMatchObject({ status: 'rejected', key: 'application_deleted' });
		const [takeover] = await push(
			stranger,
			mutation('application.save', applicationId, { applicantId, service: 'percepatan' })
		);
		expect(takeover).toMatchObject({ status: 'rejected', key: 'applicant_not_found' });
		const [hijack] = await push(stranger, mutation('applicant.save', applicantId, PROFILES.budi));
		expect(hijack).toMatchObject({ status: 'rejected', key: 'applicant_not_found' });
		const [remove] = await push(stranger, mutation('application.delete', applicationId));
		expect(remove).toMatchObject({ status: 'applied', record: null });

		const database = await db();
		const [still] = await database
			.select()
			.from(applications)
			.where(eq(applications.id, applicationId));
		expect(still).toMatchObject({ form: { service: 'reguler' }, status: 'draft' });
		const pulled = await (await stranger.caller()).sync.pull();
		expect(pulled.applicants).toEqual([]);
		expect(pulled.applications).toEqual([]);
	});

	it('does not replay another account’s answer for a reused mutation id', async () => {
		const { browser, applicationId } = await accountWithDraft();
		const change = mutation('application.save', applicationId, { passportType: 'biasa' }, 1);
		await push(browser, change);
		const stranger = await signedInApplicant('replayer');
		const [answer] = await push(stranger, change);
		expect(answer).toMatchObject({
			status: 'rejected',
			key: 'sync_mutation_id_taken',
			record: null
		});
	});

	it('refuses visitors who are not signed in', async () => {
		const anonymous = new FakeBrowser();
		await expectRefusal(
			(await anonymous.caller()).sync.push({
				mutations: [mutation('application.submit', randomUUID())]
			}),
			'UNAUTHORIZED',
			'unauthorized'
		);
		await expectRefusal((await anonymous.caller()).sync.pull(), 'UNAUTHORIZED', 'unauthorized');
	});
});
