/**
 * The required journey, start to finish, as one person on one phone: sign up, verify the
 * email, log out and in again, add a family of five, be refused a sixth, switch to English
 * and log out.
 */
import { expect } from '@playwright/test';
import { test } from './fixtures';
import {
	addApplicant,
	applicantRow,
	INDONESIAN_PHONE,
	logIn,
	newAccount,
	register,
	SITI,
	verifyFromMailbox,
	type Applicant
} from './helpers';
import { queryE2eDatabase } from './server-info';

test.use(INDONESIAN_PHONE);
test.describe.configure({ mode: 'serial' });

const budi: Applicant = {
	...SITI,
	nik: '3174051705900001',
	fullName: 'Budi Santoso',
	birthPlace: 'Jakarta',
	birthDate: '1990-05-17',
	sex: 'Laki-laki',
	maritalStatus: 'Kawin',
	occupation: 'Karyawan swasta',
	province: 'DKI Jakarta',
	email: '',
	isAccountHolder: false
};

// Three boys born 2015-08-09 (day 09, no +40), under 17 and unmarried: category "Anak".
const child = (serial: number, fullName: string): Applicant => ({
	...SITI,
	nik: `32730109081500${String(serial).padStart(2, '0')}`,
	fullName,
	birthDate: '2015-08-09',
	sex: 'Laki-laki',
	maritalStatus: 'Belum kawin',
	occupation: 'Pelajar',
	email: '',
	motherName: 'Siti Nurhaliza',
	fatherName: 'Budi Santoso',
	isAccountHolder: false
});

const family: Applicant[] = [
	SITI,
	budi,
	child(1, 'Ahmad Santoso'),
	child(2, 'Bayu Santoso'),
	child(3, 'Cahya Santoso')
];

test('sign up, verify, log in again, add five applicants, be refused the sixth, switch to English, log out', async ({
	page
}) => {
	const account = newAccount({ fullName: 'Siti Nurhaliza' });

	await test.step('register and land on /verify', async () => {
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'id');
		await page.getByRole('link', { name: 'Buat akun' }).click();
		await expect(page).toHaveURL(/\/register$/);
		await register(page, account);
	});

	await test.step('verify with the mailed code and land on the dashboard', async () => {
		await verifyFromMailbox(page, account);
		await expect(page.getByTestId('applicant-count')).toHaveText('0 dari 5 pemohon');
		await expect(page.getByText('Belum ada pemohon.', { exact: false })).toBeVisible();
	});

	await test.step('log out, then log in again', async () => {
		await page.getByRole('button', { name: 'Keluar' }).click();
		await expect(page).toHaveURL(/\/$/);
		await expect(page.getByRole('link', { name: 'Buat akun' })).toBeVisible();
		// Signed out for real: the dashboard now sends us to the login page.
		await page.goto('/dashboard');
		await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);

		await logIn(page, account.email, account.password);
		await expect(page).toHaveURL(/\/dashboard$/);
		await expect(
			page.getByRole('heading', { level: 1, name: `Halo, ${account.fullName}` })
		).toBeVisible();
	});

	await test.step('add five applicants', async () => {
		for (const [index, applicant] of family.entries()) {
			await addApplicant(page, applicant);
			await expect(page.getByTestId('applicant-count')).toHaveText(`${index + 1} dari 5 pemohon`);
		}
		await expect(page.getByTestId('applicant-count')).toHaveText('5 dari 5 pemohon');

		const siti = applicantRow(page, SITI.fullName);
		await expect(siti.getByText('Dewasa', { exact: true })).toBeVisible();
		await expect(siti.getByText('Pemilik akun', { exact: true })).toBeVisible();
		await expect(siti.getByText('NIK •••• 0002')).toBeVisible();
		// The full NIK is never shown in the list.
		await expect(page.getByText(SITI.nik)).toHaveCount(0);

		await expect(
			applicantRow(page, budi.fullName).getByText('Dewasa', { exact: true })
		).toBeVisible();
		for (const kid of family.slice(2)) {
			const row = applicantRow(page, kid.fullName);
			await expect(row.getByText('Anak', { exact: true })).toBeVisible();
			await expect(row.getByText('Pemilik akun')).toHaveCount(0);
		}
	});

	await test.step('the sixth applicant is refused', async () => {
		await expect(
			page
				.getByRole('status')
				.filter({ hasText: 'Akun ini sudah berisi 5 pemohon, batas maksimal.' })
		).toBeVisible();
		await expect(page.getByRole('link', { name: 'Tambah pemohon' })).toHaveCount(0);

		await page.goto('/applicants/new');
		await expect(page.getByRole('heading', { level: 1, name: 'Tambah pemohon' })).toBeVisible();
		await expect(page.getByRole('alert')).toHaveText(
			'Satu akun paling banyak 5 pemohon. Hapus pemohon lain atau buat akun terpisah.'
		);
		await expect(page.getByLabel('NIK', { exact: true })).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Simpan' })).toHaveCount(0);

		// Not just hidden: the server refuses a sixth sent straight to the API, too — once the
		// phone has sent the five it holds (edits are sent after a pause in typing).
		await expect
			.poll(async () => {
				const [row] = await queryE2eDatabase(
					(sql) =>
						sql`select count(*)::int as total from applicants a join users u on u.id = a.account_id where u.email = ${account.email}`
				);
				return row?.total;
			})
			.toBe(5);
		const response = await page.request.post('/api/trpc/applicants.create', {
			data: {
				json: {
					...profileOf(child(4, 'Dewi Santoso')),
					sex: 'M',
					maritalStatus: 'single',
					provinceCode: '32'
				}
			}
		});
		expect(response.status()).toBe(403);
		const body = await response.json();
		expect(body.error.json.data.key).toBe('applicant_limit');

		await page.goto('/dashboard');
		await expect(page.getByTestId('applicant-count')).toHaveText('5 dari 5 pemohon');
	});

	await test.step('switch to English', async () => {
		await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(
			page.getByRole('heading', { level: 1, name: `Hello, ${account.fullName}` })
		).toBeVisible();
		await expect(page.getByTestId('applicant-count')).toHaveText('5 of 5 applicants');
		await expect(
			page.getByText('This account already holds 5 applicants, the maximum.')
		).toBeVisible();
		await expect(
			applicantRow(page, 'Ahmad Santoso').getByText('Child', { exact: true })
		).toBeVisible();
		await expect(
			page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' })
		).toBeVisible();

		// The refusal is translated too.
		await page.goto('/applicants/new');
		await expect(page.getByRole('alert')).toHaveText(
			'An account can hold at most 5 applicants. Remove one or use a separate account.'
		);
		await page.goto('/dashboard');
	});

	await test.step('log out and land on the English landing page', async () => {
		await page.getByRole('button', { name: 'Log out' }).click();
		await expect(page).toHaveURL(/\/$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(
			page.getByRole('heading', {
				level: 1,
				name: 'Apply for a passport from your phone, without the quota drama'
			})
		).toBeVisible();
		await expect(page.getByRole('link', { name: 'Create an account' })).toBeVisible();
		await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);
	});
});

/** The API's shape of an applicant, for the one call that bypasses the form. */
function profileOf(a: Applicant) {
	return {
		nik: a.nik,
		fullName: a.fullName,
		birthPlace: a.birthPlace,
		birthDate: a.birthDate,
		occupation: a.occupation,
		regency: a.regency,
		district: a.district,
		address: a.address,
		phone: a.phone,
		email: a.email || null,
		motherName: a.motherName,
		fatherName: a.fatherName,
		isAccountHolder: false
	};
}
