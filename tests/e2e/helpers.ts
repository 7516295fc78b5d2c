/**
 * Shared steps for the browser tests. Everything goes through the UI a person would use;
 * the only shortcut is the dev mailbox (/dev/mail), which stands in for a real inbox.
 */
import { expect, type Page } from '@playwright/test';

/** Indonesian is the base locale; the browser also asks for it, as an Indonesian phone would. */
export const INDONESIAN_PHONE = { locale: 'id-ID', timezoneId: 'Asia/Jakarta' } as const;

export const PASSWORD = 'kopi-susu-gula-aren';

export interface Account {
	fullName: string;
	email: string;
	phone: string;
	birthDate: string;
	password: string;
}

/**
 * Opens a page and waits until its scripts have loaded, so a click reaches the hydrated form
 * instead of the plain HTML one (which would submit a GET to the same URL).
 */
export async function open(page: Page, path: string) {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
}

/** A fresh, unique account per call, so specs never share or collide on data. */
export function newAccount(overrides: Partial<Account> = {}): Account {
	const random = Math.random().toString(36).slice(2, 8);
	return {
		fullName: 'Siti Nurhaliza',
		email: `e2e.${Date.now()}.${random}@example.id`,
		phone: '0812 3456 7890',
		birthDate: '1985-12-03',
		password: PASSWORD,
		...overrides
	};
}

/** Fills and submits the registration form (Indonesian labels). Does not wait for the result. */
export async function fillRegisterForm(page: Page, account: Account) {
	await page.getByLabel('Nama lengkap', { exact: true }).fill(account.fullName);
	await page.getByLabel('Email', { exact: true }).fill(account.email);
	await page.getByLabel('Nomor ponsel', { exact: true }).fill(account.phone);
	await page.getByLabel('Tanggal lahir', { exact: true }).fill(account.birthDate);
	await page.getByLabel('Kata sandi', { exact: true }).fill(account.password);
}

export async function register(page: Page, account: Account) {
	await open(page, '/register');
	await expect(page.getByRole('heading', { level: 1, name: 'Buat akun' })).toBeVisible();
	await fillRegisterForm(page, account);
	await page.getByRole('button', { name: 'Daftar', exact: true }).click();
	await expect(page).toHaveURL(
		(url) => url.pathname === '/verify' && url.searchParams.get('email') === account.email
	);
	await expect(page.getByRole('heading', { level: 1, name: 'Verifikasi email' })).toBeVisible();
	await expect(page.getByText(`Kami mengirim kode 8 angka ke ${account.email}`)).toBeVisible();
}

/**
 * Reads the newest 8-digit code sent to `email` from the dev mailbox. Mail is sent by a
 * background worker, so the mailbox is reloaded (in a separate tab) until it shows up.
 */
export async function readCodeFromMailbox(page: Page, email: string): Promise<string> {
	const mailbox = await page.context().newPage();
	try {
		let code = '';
		await expect
			.poll(
				async () => {
					await mailbox.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
					const mails = mailbox.getByTestId('dev-mail');
					if ((await mails.count()) === 0) return '';
					// Newest first; the verification mail's body carries the code.
					const body = (await mails.first().locator('pre').textContent()) ?? '';
					await expect(mails.first().getByTestId('dev-mail-to')).toHaveText(email);
					code = /\b(\d{8})\b/.exec(body)?.[1] ?? '';
					return code;
				},
				{ message: `verification mail for ${email}`, timeout: 20_000, intervals: [250, 500, 1000] }
			)
			.toMatch(/^\d{8}$/);
		return code;
	} finally {
		await mailbox.close();
	}
}

/** On /verify (reached right after registering): enters the mailed code; lands on /dashboard. */
export async function verifyFromMailbox(page: Page, account: Account) {
	const code = await readCodeFromMailbox(page, account.email);
	await page.getByLabel('Kode verifikasi').fill(code);
	await page.getByRole('button', { name: 'Verifikasi', exact: true }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	await expect(
		page.getByRole('heading', { level: 1, name: `Halo, ${account.fullName}` })
	).toBeVisible();
}

/** Registers a brand-new account through the UI and verifies it: the browser is signed in. */
export async function registerAndVerify(page: Page, overrides: Partial<Account> = {}) {
	const account = newAccount(overrides);
	await register(page, account);
	await verifyFromMailbox(page, account);
	return account;
}

export async function logIn(page: Page, email: string, password: string) {
	await open(page, '/login');
	await page.getByLabel('Email', { exact: true }).fill(email);
	await page.getByLabel('Kata sandi', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

export interface Applicant {
	nik: string;
	fullName: string;
	birthPlace: string;
	birthDate: string;
	sex: 'Laki-laki' | 'Perempuan';
	maritalStatus: 'Belum kawin' | 'Kawin' | 'Cerai hidup' | 'Cerai mati';
	occupation: string;
	province: string;
	regency: string;
	district: string;
	address: string;
	phone: string;
	email?: string;
	motherName: string;
	fatherName: string;
	isAccountHolder?: boolean;
}

/** Adult woman born 1985-12-03 in Bandung: NIK day is 03 + 40 = 43. */
export const SITI: Applicant = {
	nik: '3273014312850002',
	fullName: 'Siti Nurhaliza',
	birthPlace: 'Bandung',
	birthDate: '1985-12-03',
	sex: 'Perempuan',
	maritalStatus: 'Kawin',
	occupation: 'Guru',
	province: 'Jawa Barat',
	regency: 'Kota Bandung',
	district: 'Sukasari',
	address: 'Jl. Setiabudi No. 12, RT 03/RW 05, Isola',
	phone: '0812 3456 7890',
	email: 'siti@example.id',
	motherName: 'Aminah',
	fatherName: 'Sulaiman',
	isAccountHolder: true
};

/** Fills the applicant form (Indonesian labels) with `a`; does not submit. */
export async function fillApplicantForm(page: Page, a: Applicant) {
	await page.getByLabel('NIK', { exact: true }).fill(a.nik);
	await page.getByLabel('Nama lengkap sesuai KTP').fill(a.fullName);
	await page.getByLabel('Tempat lahir').fill(a.birthPlace);
	await page.getByLabel('Tanggal lahir').fill(a.birthDate);
	await page
		.getByRole('group', { name: 'Jenis kelamin' })
		.getByLabel(a.sex, { exact: true })
		.check();
	await page.getByLabel('Status perkawinan').selectOption({ label: a.maritalStatus });
	await page.getByLabel('Pekerjaan').fill(a.occupation);
	await page.getByLabel('Provinsi').selectOption({ label: a.province });
	await page.getByLabel('Kabupaten/Kota').fill(a.regency);
	await page.getByLabel('Kecamatan').fill(a.district);
	await page.getByLabel('Alamat lengkap').fill(a.address);
	await page.getByLabel('Nomor ponsel pemohon').fill(a.phone);
	await page.getByLabel('Email pemohon').fill(a.email ?? '');
	await page.getByLabel('Nama ibu kandung').fill(a.motherName);
	await page.getByLabel('Nama ayah').fill(a.fatherName);
	await page
		.getByLabel('Pemohon ini adalah saya (pemilik akun)')
		.setChecked(a.isAccountHolder ?? false);
}

/** From the dashboard: opens the add form, saves `a`, and is back on the dashboard. */
export async function addApplicant(page: Page, a: Applicant) {
	await page.getByRole('link', { name: 'Tambah pemohon' }).click();
	await expect(page).toHaveURL(/\/applicants\/new$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Tambah pemohon' })).toBeVisible();
	await fillApplicantForm(page, a);
	await page.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	await expect(applicantRow(page, a.fullName)).toBeVisible();
}

/** The dashboard's list item for one applicant. */
export function applicantRow(page: Page, fullName: string) {
	return page.getByRole('listitem').filter({ has: page.getByText(fullName, { exact: true }) });
}
