import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { users } from '../../src/lib/server/db/schema';
import { createPrivilegedUser } from '../../src/lib/server/users';
import { FakeBrowser, PASSWORD, signedInApplicant, uniqueEmail } from './harness';
import { expectRefusal } from './refusal';

async function signedInAs(email: string) {
	const browser = new FakeBrowser();
	await (await browser.caller()).auth.login({ email, password: PASSWORD });
	return browser.caller();
}

async function admin() {
	const email = uniqueEmail('admin');
	await createPrivilegedUser(await db(), {
		email,
		fullName: 'Admin Pusat',
		phone: '+6281100000000',
		password: PASSWORD,
		role: 'admin'
	});
	return signedInAs(email);
}

function officeInput(code: string, timeZone = 'Asia/Makassar') {
	return {
		code,
		name: `Kantor Imigrasi Kelas I ${code}`,
		city: 'Denpasar',
		address: 'Jl. D.I. Panjaitan No. 3',
		timeZone
	};
}

describe('office staff procedures', () => {
	it('let an admin create an office and its staff, who see only their own office', async () => {
		const adminCaller = await admin();
		const code = `DPS-${Date.now().toString(36).toUpperCase()}`;
		const office = await adminCaller.admin.createOffice(officeInput(code));
		const staffEmail = uniqueEmail('petugas');
		await adminCaller.admin.createStaff({
			email: staffEmail,
			fullName: 'Made Wirawan',
			phone: '0812 3456 7890',
			password: PASSWORD,
			officeId: office.id
		});
		const staff = await signedInAs(staffEmail);
		const current = await staff.office.current();
		expect(current).toMatchObject({ id: office.id, code, timeZone: 'Asia/Makassar' });
		expect((await staff.auth.me())?.officeTimeZone).toBe('Asia/Makassar');
		expect((await adminCaller.admin.offices()).map((o) => o.code)).toContain(code);
	});

	it('refuse staff procedures to applicants, admins and anonymous callers', async () => {
		const applicant = await (await signedInApplicant()).caller();
		await expectRefusal(applicant.office.current(), 'FORBIDDEN', 'forbidden');
		await expectRefusal((await admin()).office.current(), 'FORBIDDEN', 'forbidden');
		await expectRefusal((await new FakeBrowser().caller()).office.current(), 'UNAUTHORIZED');
	});

	it('refuse admin procedures to everyone but admins', async () => {
		const applicant = await (await signedInApplicant()).caller();
		const anonymous = await new FakeBrowser().caller();
		for (const caller of [applicant, anonymous]) {
			const expected = caller === anonymous ? 'UNAUTHORIZED' : 'FORBIDDEN';
			await expectRefusal(caller.admin.offices(), expected);
			await expectRefusal(caller.admin.createOffice(officeInput('NOPE-1')), expected);
			await expectRefusal(
				caller.admin.createStaff({
					email: uniqueEmail('x'),
					fullName: 'X Y',
					phone: '081234567890',
					password: PASSWORD,
					officeId: crypto.randomUUID()
				}),
				expected
			);
		}
	});

	it('refuse a staff account without an office, a duplicate code and a foreign time zone', async () => {
		const adminCaller = await admin();
		const code = `JKT-${Date.now().toString(36).toUpperCase()}`;
		await adminCaller.admin.createOffice(officeInput(code, 'Asia/Jakarta'));
		await expectRefusal(
			adminCaller.admin.createOffice(officeInput(code)),
			'CONFLICT',
			'office_code_taken'
		);
		await expectRefusal(
			adminCaller.admin.createOffice(officeInput(`${code}-X`, 'Europe/Berlin')),
			'BAD_REQUEST'
		);
		await expectRefusal(
			adminCaller.admin.createStaff({
				email: uniqueEmail('x'),
				fullName: 'Tanpa Kantor',
				phone: '081234567890',
				password: PASSWORD,
				officeId: crypto.randomUUID()
			}),
			'NOT_FOUND',
			'office_not_found'
		);
		const demoted = uniqueEmail('demoted');
		await expectRefusal(
			createPrivilegedUser(await db(), {
				email: demoted,
				fullName: 'Tanpa Kantor',
				phone: '+6281234567890',
				password: PASSWORD,
				role: 'staff'
			}),
			'BAD_REQUEST',
			'office_required'
		);
		expect(await (await db()).select().from(users).where(eq(users.email, demoted))).toHaveLength(0);
	});
});
