import { and, desc, eq, gt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { devMail, offices, staffInvites, users } from '../../src/lib/server/db/schema';
import { seedOffices } from '../../src/lib/server/offices/seed';
import { adminCaller, freshOffice, staffOf } from './booking-fixtures';
import { FakeBrowser, PASSWORD, signedInApplicant, uniqueEmail } from './harness';
import { expectInvalid, expectRefusal } from './refusal';

/** Waits for the invitation mail and returns the token from its link. */
async function invitationToken(to: string, since: Date): Promise<string> {
	const database = await db();
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		const [mail] = await database
			.select()
			.from(devMail)
			.where(and(eq(devMail.to, to), gt(devMail.createdAt, since)))
			.orderBy(desc(devMail.createdAt))
			.limit(1);
		const link = mail?.text.match(/https?:\/\/\S+\/invite\?token=([A-Za-z0-9_-]+)/);
		if (link) return link[1]!;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`no invitation mailed to ${to}`);
}

const newcomer = { fullName: 'Made Wirawan', phone: '0812 3456 7890', password: PASSWORD };

async function signIn(email: string): Promise<FakeBrowser> {
	const browser = new FakeBrowser();
	await (await browser.caller()).auth.login({ email, password: PASSWORD });
	return browser;
}

/** Invites `email` through `invite`, accepts the mailed link, and signs the new account in. */
async function invitedAndSignedIn(invite: (email: string) => Promise<unknown>, label: string) {
	const email = uniqueEmail(label);
	const since = new Date(Date.now() - 1000);
	await invite(email);
	const token = await invitationToken(email, since);
	const anonymous = await new FakeBrowser().caller();
	await anonymous.invite.accept({ token, ...newcomer });
	const browser = await signIn(email);
	return { email, token, browser, caller: await browser.caller() };
}

function officeSettings(code: string) {
	return {
		code,
		name: `Kantor Imigrasi Kelas I ${code}`,
		city: 'Denpasar',
		provinceCode: '51',
		address: 'Jl. D.I. Panjaitan No. 3',
		timeZone: 'Asia/Makassar',
		passportTypes: ['elektronik' as const],
		services: ['reguler' as const, 'percepatan' as const]
	};
}

async function officeWithAdmin() {
	const admin = await adminCaller();
	const office = await admin.admin.createOffice(
		officeSettings(`T${Date.now().toString(36).toUpperCase()}`)
	);
	const officeAdmin = await invitedAndSignedIn(
		(email) => admin.admin.inviteOfficeAdmin({ officeId: office.id, email }),
		'kepala'
	);
	return { admin, office, officeAdmin: officeAdmin.caller, officeAdminEmail: officeAdmin.email };
}

describe('staff invitations', () => {
	it('let an admin appoint an office admin who invites staff bound to that office', async () => {
		const { admin, office, officeAdmin, officeAdminEmail } = await officeWithAdmin();
		const me = await officeAdmin.auth.me();
		expect(me).toMatchObject({ role: 'office_admin', officeId: office.id });
		expect(await officeAdmin.office.current()).toMatchObject({ id: office.id });

		const staff = await invitedAndSignedIn(
			(email) => officeAdmin.staff.invite({ email, role: 'staff' }),
			'petugas'
		);
		expect(await staff.caller.auth.me()).toMatchObject({ role: 'staff', officeId: office.id });
		expect((await staff.caller.office.current()).id).toBe(office.id);

		const members = await officeAdmin.staff.members();
		expect(members.map((member) => [member.email, member.role]).sort()).toEqual(
			[
				[officeAdminEmail, 'office_admin'],
				[staff.email, 'staff']
			].sort()
		);
		const invites = await officeAdmin.staff.invites();
		expect(invites.map((invite) => invite.state)).toEqual(['accepted', 'accepted']);
		expect(JSON.stringify(invites)).not.toContain('tokenHash');
		const view = await admin.admin.office({ officeId: office.id });
		expect(view.staff).toHaveLength(2);
		const listed = (await admin.admin.offices()).find((row) => row.id === office.id);
		expect(listed).toMatchObject({ officeAdmins: 1, staffCount: 2, active: true });

		// The admin can remove an office admin; a wrong office in the request finds nobody.
		const headId = (await officeAdmin.auth.me())!.id;
		const elsewhere = await freshOffice();
		await expectRefusal(
			admin.admin.deactivateStaff({ officeId: elsewhere.id, userId: headId }),
			'NOT_FOUND',
			'staff_not_found'
		);
		await admin.admin.deactivateStaff({ officeId: office.id, userId: headId });
		await expectRefusal(signIn(officeAdminEmail), 'FORBIDDEN', 'account_deactivated');

		// The account is made verified with a hashed password, like registration's.
		const [row] = await (await db()).select().from(users).where(eq(users.email, staff.email));
		expect(row?.emailVerifiedAt).not.toBeNull();
		expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
	});

	it('keep each link single-use, expiring and revocable', async () => {
		const { officeAdmin } = await officeWithAdmin();
		const anonymous = await new FakeBrowser().caller();

		const used = await invitedAndSignedIn(
			(email) => officeAdmin.staff.invite({ email, role: 'staff' }),
			'sekali'
		);
		await expectRefusal(
			anonymous.invite.accept({ token: used.token, ...newcomer }),
			'BAD_REQUEST',
			'invite_used'
		);
		await expectRefusal(
			anonymous.invite.preview({ token: used.token }),
			'BAD_REQUEST',
			'invite_used'
		);

		const lateEmail = uniqueEmail('telat');
		let since = new Date(Date.now() - 1000);
		const late = await officeAdmin.staff.invite({ email: lateEmail, role: 'staff' });
		const lateToken = await invitationToken(lateEmail, since);
		await (
			await db()
		)
			.update(staffInvites)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(staffInvites.id, late.id));
		await expectRefusal(
			anonymous.invite.accept({ token: lateToken, ...newcomer }),
			'BAD_REQUEST',
			'invite_expired'
		);

		const revokedEmail = uniqueEmail('batal');
		since = new Date(Date.now() - 1000);
		const revoked = await officeAdmin.staff.invite({ email: revokedEmail, role: 'office_admin' });
		const revokedToken = await invitationToken(revokedEmail, since);
		expect((await anonymous.invite.preview({ token: revokedToken })).role).toBe('office_admin');
		await officeAdmin.staff.revokeInvite({ inviteId: revoked.id });
		await expectRefusal(
			anonymous.invite.accept({ token: revokedToken, ...newcomer }),
			'BAD_REQUEST',
			'invite_revoked'
		);

		// Inviting the same address again replaces the first link.
		const againEmail = uniqueEmail('lagi');
		since = new Date(Date.now() - 1000);
		await officeAdmin.staff.invite({ email: againEmail, role: 'staff' });
		const firstToken = await invitationToken(againEmail, since);
		since = new Date();
		await officeAdmin.staff.invite({ email: againEmail, role: 'staff' });
		const secondToken = await invitationToken(againEmail, since);
		expect(secondToken).not.toBe(firstToken);
		await expectRefusal(
			anonymous.invite.accept({ token: firstToken, ...newcomer }),
			'BAD_REQUEST',
			'invite_revoked'
		);
		await anonymous.invite.accept({ token: secondToken, ...newcomer });

		await expectRefusal(
			anonymous.invite.accept({ token: 'x'.repeat(43), ...newcomer }),
			'NOT_FOUND',
			'invite_invalid'
		);
		const fields = await expectInvalid(
			anonymous.invite.accept({ token: 'bad', fullName: '', phone: '1', password: 'short' })
		);
		expect(Object.keys(fields).sort()).toEqual(['fullName', 'password', 'phone', 'token']);
		const [unused] = await (await db()).select().from(users).where(eq(users.email, lateEmail));
		expect(unused).toBeUndefined();
	});

	it('make one account of a link accepted twice at once, and one open invitation per address', async () => {
		const { officeAdmin, office } = await officeWithAdmin();
		const email = uniqueEmail('kembar');
		const since = new Date(Date.now() - 1000);
		await officeAdmin.staff.invite({ email, role: 'staff' });
		const token = await invitationToken(email, since);
		const [first, second] = await Promise.allSettled(
			[0, 1].map(async () =>
				(await new FakeBrowser().caller()).invite.accept({ token, ...newcomer })
			)
		);
		expect([first!.status, second!.status].sort()).toEqual(['fulfilled', 'rejected']);
		const refused = [first, second].find((result) => result!.status === 'rejected');
		expect((refused as PromiseRejectedResult).reason.key).toBe('invite_used');
		expect(await (await db()).select().from(users).where(eq(users.email, email))).toHaveLength(1);

		const twice = uniqueEmail('dobel');
		const outcomes = await Promise.allSettled(
			[0, 1].map(() => officeAdmin.staff.invite({ email: twice, role: 'staff' }))
		);
		for (const outcome of outcomes) {
			if (outcome.status === 'rejected') expect(outcome.reason.key).toBe('invite_pending');
		}
		const open = (await officeAdmin.staff.invites()).filter(
			(invite) => invite.email === twice && invite.state === 'pending'
		);
		expect(open).toHaveLength(1);
		expect(open[0]!.officeId).toBe(office.id);
	});

	it('refuse an address that already has an account', async () => {
		const { officeAdmin } = await officeWithAdmin();
		const applicant = await signedInApplicant('pemohon');
		const email = (await (await applicant.caller()).auth.me())!.email;
		await expectRefusal(
			officeAdmin.staff.invite({ email, role: 'staff' }),
			'CONFLICT',
			'invite_email_has_account'
		);
		// An address that registers between the invitation and its acceptance is refused then.
		const racer = uniqueEmail('balapan');
		const since = new Date(Date.now() - 1000);
		await officeAdmin.staff.invite({ email: racer, role: 'staff' });
		const token = await invitationToken(racer, since);
		await (await db()).insert(users).values({
			email: racer,
			fullName: 'Pemohon Cepat',
			phone: '+6281234567890',
			passwordHash: 'x'
		});
		await expectRefusal(
			(await new FakeBrowser().caller()).invite.accept({ token, ...newcomer }),
			'CONFLICT',
			'invite_email_has_account'
		);
		const [row] = await (await db()).select().from(users).where(eq(users.email, racer));
		expect(row?.role).toBe('applicant');
	});

	it('limit how many invitations one account sends', async () => {
		const { officeAdmin } = await officeWithAdmin();
		for (let index = 0; index < 30; index++) {
			await officeAdmin.staff.invite({ email: uniqueEmail(`banyak${index}`), role: 'staff' });
		}
		await expectRefusal(
			officeAdmin.staff.invite({ email: uniqueEmail('kebanyakan'), role: 'staff' }),
			'TOO_MANY_REQUESTS',
			'too_many_attempts'
		);
	});
});

describe('roles and offices', () => {
	it('keep an office admin inside their own office', async () => {
		const a = await officeWithAdmin();
		const b = await officeWithAdmin();
		const staffOfB = await invitedAndSignedIn(
			(email) => b.officeAdmin.staff.invite({ email, role: 'staff' }),
			'petugasb'
		);
		const bInvite = await b.officeAdmin.staff.invite({ email: uniqueEmail('b'), role: 'staff' });

		// Naming another office in the input changes nothing: the office comes from the session.
		const sneaky = await a.officeAdmin.staff.invite({
			email: uniqueEmail('sneaky'),
			role: 'staff',
			officeId: b.office.id
		} as never);
		expect(sneaky.officeId).toBe(a.office.id);
		await expectRefusal(
			a.officeAdmin.staff.revokeInvite({ inviteId: bInvite.id }),
			'NOT_FOUND',
			'invite_not_found'
		);
		const bStaffId = (await staffOfB.caller.auth.me())!.id;
		await expectRefusal(
			a.officeAdmin.staff.deactivate({ userId: bStaffId }),
			'NOT_FOUND',
			'staff_not_found'
		);
		expect((await a.officeAdmin.staff.members()).map((m) => m.id)).not.toContain(bStaffId);
		expect((await a.officeAdmin.staff.invites()).map((i) => i.id)).not.toContain(bInvite.id);
		// An office admin is not an admin.
		await expectRefusal(a.officeAdmin.admin.offices(), 'FORBIDDEN', 'forbidden');
		await expectRefusal(
			a.officeAdmin.admin.inviteOfficeAdmin({ officeId: b.office.id, email: uniqueEmail('x') }),
			'FORBIDDEN',
			'forbidden'
		);
	});

	it('refuse office admin procedures to staff, applicants, admins and anonymous callers', async () => {
		const office = await freshOffice();
		const staff = await staffOf(office.id);
		const applicant = await (await signedInApplicant()).caller();
		const admin = await adminCaller();
		const anonymous = await new FakeBrowser().caller();
		const someone = crypto.randomUUID();
		for (const [caller, code] of [
			[staff, 'FORBIDDEN'],
			[applicant, 'FORBIDDEN'],
			[admin, 'FORBIDDEN'],
			[anonymous, 'UNAUTHORIZED']
		] as const) {
			await expectRefusal(caller.staff.members(), code);
			await expectRefusal(caller.staff.invites(), code);
			await expectRefusal(caller.staff.invite({ email: uniqueEmail('x'), role: 'staff' }), code);
			await expectRefusal(caller.staff.revokeInvite({ inviteId: someone }), code);
			await expectRefusal(caller.staff.deactivate({ userId: someone }), code);
		}
		// A staff member reads the timetable but changes neither it nor the office page.
		expect(await staff.quota.templates()).toEqual([]);
		await expectRefusal(
			staff.quota.saveTemplate({
				weekday: 1,
				startTime: '08:00',
				endTime: '09:00',
				passportType: 'elektronik',
				service: 'reguler',
				capacity: 5
			}),
			'FORBIDDEN'
		);
		await expectRefusal(
			staff.quota.createRelease({
				label: 'Tidak boleh',
				firstDate: '2030-01-07',
				lastDate: '2030-01-07',
				opensAt: new Date(Date.now() + 86_400_000)
			}),
			'FORBIDDEN'
		);
		await expectRefusal(staff.quota.generateSlots({ releaseId: someone }), 'FORBIDDEN');
		await expectRefusal(staff.quota.deleteTemplate({ id: someone }), 'FORBIDDEN');
		await expectRefusal(
			staff.office.updateInfo({
				address: 'x',
				phone: '',
				whatsapp: '',
				email: '',
				openingHours: [],
				socialLinks: {},
				priorityWalkIn: true,
				priorityWalkInNote: ''
			}),
			'FORBIDDEN'
		);
	});

	it('refuse admin procedures to everyone but admins', async () => {
		const office = await freshOffice();
		const officeAdmin = await staffOf(office.id, 'office_admin');
		const staff = await staffOf(office.id);
		const applicant = await (await signedInApplicant()).caller();
		const anonymous = await new FakeBrowser().caller();
		for (const [caller, code] of [
			[officeAdmin, 'FORBIDDEN'],
			[staff, 'FORBIDDEN'],
			[applicant, 'FORBIDDEN'],
			[anonymous, 'UNAUTHORIZED']
		] as const) {
			await expectRefusal(caller.admin.offices(), code);
			await expectRefusal(caller.admin.office({ officeId: office.id }), code);
			await expectRefusal(caller.admin.createOffice(officeSettings('NOPE-2')), code);
			await expectRefusal(
				caller.admin.updateOffice({ officeId: office.id, ...officeSettings('NOPE-2') }),
				code
			);
			await expectRefusal(
				caller.admin.setOfficeActive({ officeId: office.id, active: false }),
				code
			);
			await expectRefusal(
				caller.admin.inviteOfficeAdmin({ officeId: office.id, email: uniqueEmail('x') }),
				code
			);
			await expectRefusal(
				caller.admin.revokeInvite({ officeId: office.id, inviteId: crypto.randomUUID() }),
				code
			);
			await expectRefusal(
				caller.admin.deactivateStaff({ officeId: office.id, userId: crypto.randomUUID() }),
				code
			);
		}
	});

	it('end a deactivated staff member’s sessions and sign-ins at once', async () => {
		const { officeAdmin } = await officeWithAdmin();
		const staff = await invitedAndSignedIn(
			(email) => officeAdmin.staff.invite({ email, role: 'staff' }),
			'pergi'
		);
		const staffId = (await staff.caller.auth.me())!.id;
		await officeAdmin.staff.deactivate({ userId: staffId });
		// The staff member's next request finds their session gone.
		await expectRefusal((await staff.browser.caller()).office.current(), 'UNAUTHORIZED');
		await expectRefusal(
			new FakeBrowser()
				.caller()
				.then((c) => c.auth.login({ email: staff.email, password: PASSWORD })),
			'FORBIDDEN',
			'account_deactivated'
		);
		await expectRefusal(
			officeAdmin.staff.deactivate({ userId: staffId }),
			'NOT_FOUND',
			'staff_not_found'
		);
		const selfId = (await officeAdmin.auth.me())!.id;
		await expectRefusal(
			officeAdmin.staff.deactivate({ userId: selfId }),
			'BAD_REQUEST',
			'staff_cannot_deactivate_self'
		);
		const listed = (await officeAdmin.staff.members()).find((m) => m.id === staffId);
		expect(listed?.deactivatedAt).toBeInstanceOf(Date);

		// A fellow office admin is the admin's to deactivate, not a peer's.
		const peer = await invitedAndSignedIn(
			(email) => officeAdmin.staff.invite({ email, role: 'office_admin' }),
			'sejawat'
		);
		const peerId = (await peer.caller.auth.me())!.id;
		await expectRefusal(
			officeAdmin.staff.deactivate({ userId: peerId }),
			'NOT_FOUND',
			'staff_not_found'
		);
		await expectRefusal(peer.caller.staff.deactivate({ userId: selfId }), 'NOT_FOUND');
		expect((await peer.caller.office.current()).id).toBeTruthy();

		// Even a session that was somehow left behind does not outlive the deactivation.
		const other = await invitedAndSignedIn(
			(email) => officeAdmin.staff.invite({ email, role: 'staff' }),
			'tersisa'
		);
		await (
			await db()
		)
			.update(users)
			.set({ deactivatedAt: new Date() })
			.where(eq(users.email, other.email));
		await expectRefusal((await other.browser.caller()).office.current(), 'UNAUTHORIZED');
	});

	it('let an admin edit and deactivate an office, which then takes no invitations', async () => {
		const admin = await adminCaller();
		const code = `E${Date.now().toString(36).toUpperCase()}`;
		const office = await admin.admin.createOffice(officeSettings(code));
		expect(office).toMatchObject({
			code,
			timeZone: 'Asia/Makassar',
			services: ['reguler', 'percepatan']
		});
		const updated = await admin.admin.updateOffice({
			officeId: office.id,
			...officeSettings(code),
			name: 'Kantor Imigrasi Kelas II Singaraja',
			timeZone: 'Asia/Jayapura',
			passportTypes: ['biasa', 'elektronik']
		});
		expect(updated).toMatchObject({
			code,
			name: 'Kantor Imigrasi Kelas II Singaraja',
			timeZone: 'Asia/Jayapura',
			passportTypes: ['biasa', 'elektronik']
		});
		await expectRefusal(
			admin.admin.createOffice(officeSettings(code)),
			'CONFLICT',
			'office_code_taken'
		);
		await expectInvalid(
			admin.admin.updateOffice({ officeId: office.id, ...officeSettings(code), timeZone: 'UTC' })
		);
		await admin.admin.setOfficeActive({ officeId: office.id, active: false });
		await expectRefusal(
			admin.admin.inviteOfficeAdmin({ officeId: office.id, email: uniqueEmail('x') }),
			'BAD_REQUEST',
			'office_inactive'
		);
		await expectRefusal(
			admin.admin.inviteOfficeAdmin({ officeId: crypto.randomUUID(), email: uniqueEmail('x') }),
			'NOT_FOUND',
			'office_not_found'
		);
		const listed = (await admin.admin.offices()).find((row) => row.id === office.id);
		expect(listed?.active).toBe(false);
	});

	it('keep an admin’s edit of a seeded office across restarts', async () => {
		const admin = await adminCaller();
		const database = await db();
		const [seeded] = await database.select().from(offices).where(eq(offices.code, 'TTE'));
		await admin.admin.updateOffice({
			officeId: seeded!.id,
			name: 'Kantor Imigrasi Kelas I TPI Ternate (uji)',
			city: seeded!.city,
			provinceCode: seeded!.provinceCode,
			address: seeded!.address,
			timeZone: seeded!.timeZone,
			passportTypes: seeded!.passportTypes,
			services: seeded!.services
		});
		await seedOffices(database);
		const [after] = await database.select().from(offices).where(eq(offices.code, 'TTE'));
		expect(after?.name).toBe('Kantor Imigrasi Kelas I TPI Ternate (uji)');
	});
});
