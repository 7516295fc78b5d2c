import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { users } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';
import { childProfile, FakeBrowser, PROFILES, signedInApplicant } from './harness';
import { expectInvalid, expectRefusal } from './refusal';

async function accountWith(count: number) {
	const browser = await signedInApplicant('family');
	const caller = await browser.caller();
	const created = [];
	for (let serial = 1; serial <= count; serial++) {
		created.push(await caller.applicants.create(childProfile(serial)));
	}
	return { browser, caller, created };
}

describe('applicants for a signed-in applicant', () => {
	it('creates, lists, reads, updates and deletes their own applicants', async () => {
		const browser = await signedInApplicant();
		const caller = await browser.caller();
		const siti = await caller.applicants.create(PROFILES.siti);
		expect(siti).toMatchObject({
			nik: '3273014312850002',
			fullName: 'Siti Rahmawati',
			phone: '+6281234567890',
			email: null,
			category: 'dewasa',
			isAccountHolder: true,
			version: 1
		});
		const child = await caller.applicants.create(childProfile(1));
		expect(child.category).toBe('anak');

		const list = await caller.applicants.list();
		expect(list.max).toBe(5);
		expect(list.applicants.map((a) => a.fullName)).toEqual(['Siti Rahmawati', 'Anak Ke Satu']);

		const updated = await caller.applicants.update({
			id: child.id,
			version: 1,
			profile: { ...childProfile(1), occupation: 'Pelajar' }
		});
		expect(updated).toMatchObject({ occupation: 'Pelajar', version: 2 });
		expect((await caller.applicants.get({ id: child.id })).occupation).toBe('Pelajar');

		await caller.applicants.delete({ id: child.id });
		await expectRefusal(
			caller.applicants.get({ id: child.id }),
			'NOT_FOUND',
			'applicant_not_found'
		);
		expect((await caller.applicants.list()).applicants).toHaveLength(1);
	});

	it('refuses the sixth applicant with a translated key carrying the limit', async () => {
		const { caller } = await accountWith(5);
		const refusal = await expectRefusal(
			caller.applicants.create(childProfile(6)),
			'FORBIDDEN',
			'applicant_limit'
		);
		expect((refusal as unknown as { details: unknown }).details).toEqual({ max: 5 });
		expect((await caller.applicants.list()).applicants).toHaveLength(5);
	});

	it('never exceeds the limit when additions race', async () => {
		const { browser } = await accountWith(3);
		const callers = await Promise.all([1, 2, 3, 4].map(() => browser.caller()));
		const results = await Promise.allSettled(
			callers.map((caller, index) => caller.applicants.create(childProfile(10 + index)))
		);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
		const caller = await browser.caller();
		expect((await caller.applicants.list()).applicants).toHaveLength(5);
	});

	it('refuses the same NIK twice on one account, but allows it on another', async () => {
		const browser = await signedInApplicant();
		const caller = await browser.caller();
		await caller.applicants.create(PROFILES.budi);
		await expectRefusal(caller.applicants.create(PROFILES.budi), 'BAD_REQUEST', 'nik_duplicate');
		const other = await signedInApplicant();
		await expect((await other.caller()).applicants.create(PROFILES.budi)).resolves.toMatchObject({
			nik: PROFILES.budi.nik
		});
	});

	it('allows only one account holder', async () => {
		const browser = await signedInApplicant();
		const caller = await browser.caller();
		await caller.applicants.create(PROFILES.siti);
		await expectRefusal(
			caller.applicants.create({ ...PROFILES.budi, isAccountHolder: true }),
			'BAD_REQUEST',
			'account_holder_exists'
		);
	});

	it('checks the NIK against the date of birth, sex and province', async () => {
		const caller = await (await signedInApplicant()).caller();
		expect(
			await expectInvalid(caller.applicants.create({ ...PROFILES.budi, birthDate: '1990-05-18' }))
		).toEqual({ nik: ['nik_birth_date_mismatch'] });
		expect(await expectInvalid(caller.applicants.create({ ...PROFILES.budi, sex: 'F' }))).toEqual({
			nik: ['nik_sex_mismatch']
		});
		expect(
			await expectInvalid(caller.applicants.create({ ...PROFILES.budi, nik: '2074051705900001' }))
		).toEqual({ nik: ['nik_province'] });
		expect(
			await expectInvalid(caller.applicants.create({ ...PROFILES.budi, nik: '31740517059' }))
		).toEqual({ nik: ['nik_format'] });
		expect((await caller.applicants.list()).applicants).toHaveLength(0);
	});

	it('refuses other invalid fields with their keys', async () => {
		const caller = await (await signedInApplicant()).caller();
		const fields = await expectInvalid(
			caller.applicants.create({
				...PROFILES.budi,
				provinceCode: '99',
				phone: 'abc',
				email: 'nope',
				maritalStatus: 'complicated' as 'single',
				address: 'Jl'
			})
		);
		expect(fields).toEqual({
			provinceCode: ['province_invalid'],
			phone: ['phone_invalid'],
			email: ['email_invalid'],
			maritalStatus: ['choose_one'],
			address: ['address_too_short']
		});
	});

	it('reports a change made elsewhere as a conflict instead of overwriting it', async () => {
		const browser = await signedInApplicant();
		const phone = await browser.caller();
		const created = await phone.applicants.create(PROFILES.budi);
		await phone.applicants.update({
			id: created.id,
			version: 1,
			profile: { ...PROFILES.budi, occupation: 'Wiraswasta' }
		});
		const refusal = await expectRefusal(
			phone.applicants.update({
				id: created.id,
				version: 1,
				profile: { ...PROFILES.budi, occupation: 'Dosen' }
			}),
			'CONFLICT',
			'applicant_conflict'
		);
		expect((refusal as unknown as { details: unknown }).details).toEqual({ serverVersion: 2 });
		expect((await phone.applicants.get({ id: created.id })).occupation).toBe('Wiraswasta');
	});
});

describe('applicants are private to their account', () => {
	it("cannot read, change or delete another account's applicant", async () => {
		const owner = await (await signedInApplicant('owner')).caller();
		const stranger = await (await signedInApplicant('stranger')).caller();
		const created = await owner.applicants.create(PROFILES.siti);

		await expectRefusal(stranger.applicants.get({ id: created.id }), 'NOT_FOUND');
		await expectRefusal(
			stranger.applicants.update({ id: created.id, version: 1, profile: PROFILES.siti }),
			'NOT_FOUND'
		);
		await expectRefusal(stranger.applicants.delete({ id: created.id }), 'NOT_FOUND');
		expect((await stranger.applicants.list()).applicants).toHaveLength(0);
		expect((await owner.applicants.get({ id: created.id })).fullName).toBe('Siti Rahmawati');
	});

	it('refuses every procedure without a session', async () => {
		const anonymous = await new FakeBrowser().caller();
		const id = crypto.randomUUID();
		await expectRefusal(anonymous.applicants.list(), 'UNAUTHORIZED', 'unauthorized');
		await expectRefusal(anonymous.applicants.get({ id }), 'UNAUTHORIZED');
		await expectRefusal(anonymous.applicants.create(PROFILES.siti), 'UNAUTHORIZED');
		await expectRefusal(
			anonymous.applicants.update({ id, version: 1, profile: PROFILES.siti }),
			'UNAUTHORIZED'
		);
		await expectRefusal(anonymous.applicants.delete({ id }), 'UNAUTHORIZED');
	});

	it('refuses applicant procedures to staff accounts', async () => {
		const browser = await signedInApplicant('staffish');
		const me = await (await browser.caller()).auth.me();
		await (await db()).update(users).set({ role: 'admin' }).where(eq(users.id, me!.id));
		const caller = await browser.caller();
		await expectRefusal(caller.applicants.list(), 'FORBIDDEN', 'forbidden');
		await expectRefusal(caller.applicants.create(PROFILES.siti), 'FORBIDDEN');
	});
});
