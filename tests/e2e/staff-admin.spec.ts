/**
 * Issue 6 end to end: an admin creates an office and invites its office admin; the office
 * admin accepts the link from the mailbox, signs in and invites a staff member, who accepts
 * and sees only their own office's console.
 */
import { expect, type Browser, type Page } from '@playwright/test';
import postgres from 'postgres';
import { hashPassword } from '../../src/lib/server/auth/password';
import { expectAccessible } from './booking-fixtures';
import { test } from './fixtures';
import { INDONESIAN_PHONE, logIn, open, PASSWORD } from './helpers';
import { e2eServerInfo } from './server-info';

test.use(INDONESIAN_PHONE);

let sql: postgres.Sql;

test.beforeAll(() => {
	sql = postgres(e2eServerInfo().databaseUrl, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
	await sql?.end();
});

const SHOTS = 'test-results/staff-admin';

async function newPage(browser: Browser): Promise<Page> {
	return (await browser.newContext(INDONESIAN_PHONE)).newPage();
}

/** The invitation link from the dev mailbox, as the invited person would click it. */
async function invitationLink(page: Page, email: string): Promise<string> {
	await open(page, `/dev/mail?to=${encodeURIComponent(email)}`);
	const mail = page.getByTestId('dev-mail').first();
	await expect(mail).toContainText('Undangan bergabung');
	const link = (await mail.textContent())?.match(/https?:\/\/\S+\/invite\?token=[\w-]+/)?.[0];
	expect(link).toBeTruthy();
	return new URL(link!).pathname + new URL(link!).search;
}

/** Opens the link, creates the account and signs in with it. */
async function acceptAndSignIn(page: Page, link: string, fullName: string, email: string) {
	await open(page, link);
	await expect(page.getByRole('heading', { level: 1, name: 'Undangan petugas' })).toBeVisible();
	await page.getByLabel('Nama lengkap').fill(fullName);
	await page.getByLabel('Nomor ponsel').fill('0812 3456 7890');
	await page.getByLabel('Kata sandi baru').fill(PASSWORD);
	await page.getByRole('button', { name: 'Buat akun petugas' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `Akun ${email} sudah dibuat` })
	).toBeVisible();
	await page.getByRole('main').getByRole('link', { name: 'Masuk' }).click();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email', { exact: true }).fill(email);
	await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Masuk', exact: true }).click();
	await expect(page).toHaveURL(/\/office$/);
}

test('an admin opens an office whose admin invites staff, who see only their office', async ({
	page: admin,
	browser
}) => {
	// Three people and a dozen page loads: more than the default minute on a busy machine.
	test.setTimeout(150_000);
	const stamp = Date.now().toString(36).toUpperCase();
	const code = `U${stamp}`.slice(0, 12);
	const officeName = `Kantor Imigrasi Uji ${code}`;
	const adminEmail = `admin.${stamp.toLowerCase()}@example.id`;
	const headEmail = `kepala.${stamp.toLowerCase()}@kanim.example.id`;
	const staffEmail = `petugas.${stamp.toLowerCase()}@kanim.example.id`;
	await sql`
		insert into users (email, full_name, phone, password_hash, role, email_verified_at)
		values (${adminEmail}, 'Admin Pusat', '+6281100000009', ${await hashPassword(PASSWORD)},
			'admin', now())`;

	await test.step('the admin creates the office', async () => {
		await logIn(admin, adminEmail, PASSWORD);
		await expect(admin).toHaveURL(/\/admin\/offices$/);
		await expect(admin.getByRole('heading', { level: 1, name: 'Kelola kantor' })).toBeVisible();
		await admin.getByLabel('Kode kantor').fill(code);
		await admin.getByLabel('Nama kantor').fill(officeName);
		await admin.getByLabel('Kota').fill('Denpasar');
		await admin.getByLabel('Provinsi').selectOption({ label: 'Bali' });
		await admin.getByLabel('Alamat').fill('Jl. D.I. Panjaitan No. 3, Denpasar');
		await admin.getByRole('radio', { name: /^WITA/ }).check();
		await admin.getByRole('checkbox', { name: 'Percepatan (selesai di hari yang sama)' }).check();
		await admin.screenshot({ path: `${SHOTS}/admin-offices.png` });
		await expectAccessible(admin, 'admin offices');
		await admin.getByRole('button', { name: 'Tambah kantor' }).click();
		await expect(admin.getByRole('heading', { level: 1, name: officeName })).toBeVisible();
	});

	await test.step('and invites its office admin', async () => {
		await admin.getByLabel('Email petugas').fill(headEmail);
		await admin.getByRole('button', { name: 'Kirim undangan' }).click();
		await expect(
			admin.getByRole('status').filter({ hasText: `Undangan terkirim ke ${headEmail}` })
		).toBeVisible();
		await expect(admin.getByTestId('invite-row')).toContainText('Menunggu');
		await admin.screenshot({ path: `${SHOTS}/admin-office.png`, fullPage: true });
		await expectAccessible(admin, 'admin office');
	});

	const head = await newPage(browser);
	await test.step('the office admin accepts the link and signs in', async () => {
		const link = await invitationLink(head, headEmail);
		await open(head, link);
		await head.screenshot({ path: `${SHOTS}/invite.png`, fullPage: true });
		await expectAccessible(head, 'invitation');
		await acceptAndSignIn(head, link, 'Ketut Sudarsana', headEmail);
		await expect(head.getByText(`Anda masuk sebagai petugas ${officeName}.`)).toBeVisible();
		await expect(head.getByText('Peran Anda: Admin kantor')).toBeVisible();
		// The link is single-use.
		await open(head, link);
		await expect(head.getByRole('alert')).toHaveText('Undangan ini sudah dipakai.');
	});

	await test.step('and invites a staff member', async () => {
		await open(head, '/office');
		await head.getByRole('link', { name: 'Petugas & undangan' }).click();
		await expect(head.getByRole('heading', { level: 1, name: 'Petugas kantor' })).toBeVisible();
		await head.getByLabel('Email petugas').fill(staffEmail);
		await head.getByLabel('Peran').selectOption({ label: 'Petugas kantor' });
		await head.getByRole('button', { name: 'Kirim undangan' }).click();
		await expect(
			head.getByRole('status').filter({ hasText: `Undangan terkirim ke ${staffEmail}` })
		).toBeVisible();
		await expect(head.getByTestId('staff-row')).toContainText('Ketut Sudarsana');
		await head.screenshot({ path: `${SHOTS}/office-staff.png`, fullPage: true });
		await expectAccessible(head, 'office staff');
	});

	const staff = await newPage(browser);
	await test.step('the staff member accepts and sees only their own office', async () => {
		await acceptAndSignIn(
			staff,
			await invitationLink(staff, staffEmail),
			'Made Wirawan',
			staffEmail
		);
		await expect(staff.getByText(`Anda masuk sebagai petugas ${officeName}.`)).toBeVisible();
		await expect(staff.getByText('Peran Anda: Petugas kantor')).toBeVisible();
		await expect(staff.getByRole('link', { name: 'Kedatangan dan nomor antrean' })).toBeVisible();
		await expect(staff.getByRole('link', { name: 'Petugas & undangan' })).toHaveCount(0);
		await expect(staff.getByRole('link', { name: 'Atur kuota dan jadwal' })).toHaveCount(0);
		await staff.screenshot({ path: `${SHOTS}/staff-console.png`, fullPage: true });
		for (const path of ['/office/staff', '/office/quota', '/office/info', '/admin/offices']) {
			const response = await staff.goto(path);
			expect(response?.status(), path).toBe(403);
		}
	});

	await test.step('the office admin sees them join', async () => {
		await head.reload();
		await expect(head.getByTestId('staff-row').filter({ hasText: 'Made Wirawan' })).toBeVisible();
		await expect(head.getByTestId('invite-row').first()).toContainText('Diterima');
	});

	await test.step('and deactivates them, which signs them out at once', async () => {
		await head.getByRole('button', { name: /^Nonaktifkan\s*:\s*Made Wirawan$/ }).click();
		await expect(
			head.getByRole('status').filter({ hasText: 'Akun petugas dinonaktifkan' })
		).toBeVisible();
		await expect(head.getByTestId('staff-row').filter({ hasText: 'Made Wirawan' })).toContainText(
			'Dinonaktifkan'
		);
		await staff.goto('/office');
		await expect(staff).toHaveURL(/\/login/);
		await logIn(staff, staffEmail, PASSWORD);
		await expect(staff.getByText('Akun ini sudah dinonaktifkan.', { exact: false })).toBeVisible();
	});
});
