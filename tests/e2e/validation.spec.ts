/**
 * Bad input is refused with a clear, translated message where it belongs, and nothing the
 * person typed is lost.
 */
import { expect, test } from '@playwright/test';
import {
	fillApplicantForm,
	fillRegisterForm,
	INDONESIAN_PHONE,
	logIn,
	newAccount,
	open,
	registerAndVerify,
	SITI,
	type Applicant
} from './helpers';

test.use(INDONESIAN_PHONE);

const NIK_MISMATCH =
	'Tanggal lahir di NIK (angka ke-7 sampai ke-12) tidak sama dengan tanggal lahir yang diisi.';

test('applicant form: a NIK that disagrees with the birth date is flagged at the NIK field, input kept', async ({
	page
}) => {
	await registerAndVerify(page);
	await page.getByRole('link', { name: 'Tambah pemohon' }).click();
	await expect(page).toHaveURL(/\/applicants\/new$/);

	// An empty form is refused field by field (and does not crash on the empty birth date).
	await page.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText('Periksa kembali isian yang ditandai.');
	await expect(page.locator('#nik-error')).toHaveText('Wajib diisi.');
	await expect(page.locator('#birthDate-error')).toHaveText('Wajib diisi.');
	await expect(page.locator('#sex-error')).toHaveText('Pilih salah satu.');

	// The NIK says 3 December 1985 (43 = 3 + 40, a woman); the form says 4 December.
	const typed: Applicant = { ...SITI, birthDate: '1985-12-04' };
	await fillApplicantForm(page, typed);
	await page.getByRole('button', { name: 'Simpan', exact: true }).click();

	await expect(page.getByRole('alert')).toHaveText('Periksa kembali isian yang ditandai.');
	const nik = page.getByLabel('NIK', { exact: true });
	await expect(nik).toHaveAttribute('aria-invalid', 'true');
	// "Next to the field": the message is the field's own error, tied to it for screen readers.
	await expect(page.locator('#nik-error')).toHaveText(NIK_MISMATCH);
	await expect(nik).toHaveAccessibleDescription(new RegExp(escapeRegExp(NIK_MISMATCH)));
	// Only the NIK is blamed: the birth date itself is a valid date.
	await expect(page.getByLabel('Tanggal lahir')).not.toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('.errors')).toHaveCount(1);
	await expect(page.getByText(NIK_MISMATCH)).toHaveCount(1);

	// Still on the form, with everything as typed.
	await expect(page).toHaveURL(/\/applicants\/new$/);
	await expect(nik).toHaveValue(typed.nik);
	await expect(page.getByLabel('Nama lengkap sesuai KTP')).toHaveValue(typed.fullName);
	await expect(page.getByLabel('Tempat lahir')).toHaveValue(typed.birthPlace);
	await expect(page.getByLabel('Tanggal lahir')).toHaveValue(typed.birthDate);
	await expect(page.getByRole('radio', { name: 'Perempuan' })).toBeChecked();
	await expect(page.getByLabel('Status perkawinan')).toHaveValue('married');
	await expect(page.getByLabel('Pekerjaan')).toHaveValue(typed.occupation);
	await expect(page.getByLabel('Provinsi')).toHaveValue('32');
	await expect(page.getByLabel('Kabupaten/Kota')).toHaveValue(typed.regency);
	await expect(page.getByLabel('Kecamatan')).toHaveValue(typed.district);
	await expect(page.getByLabel('Alamat lengkap')).toHaveValue(typed.address);
	await expect(page.getByLabel('Nomor ponsel pemohon')).toHaveValue(typed.phone);
	await expect(page.getByLabel('Email pemohon')).toHaveValue(typed.email ?? '');
	await expect(page.getByLabel('Nama ibu kandung')).toHaveValue(typed.motherName);
	await expect(page.getByLabel('Nama ayah')).toHaveValue(typed.fatherName);
	await expect(page.getByLabel('Pemohon ini adalah saya (pemilik akun)')).toBeChecked();

	// Nothing was saved.
	await page.goto('/dashboard');
	await expect(page.getByTestId('applicant-count')).toHaveText('0 dari 5 pemohon');
});

test('login: a wrong password and an unknown email get the same message, email kept', async ({
	page
}) => {
	const account = await registerAndVerify(page);
	await page.getByRole('button', { name: 'Keluar' }).click();
	await expect(page).toHaveURL(/\/$/);

	await logIn(page, account.email, 'bukan-kata-sandi-saya');
	await expect(page.getByRole('alert')).toHaveText('Email atau kata sandi salah.');
	await expect(page).toHaveURL(/\/login$/);
	await expect(page.getByLabel('Email', { exact: true })).toHaveValue(account.email);

	// No enumeration: an address nobody registered reads exactly the same.
	const unknown = newAccount().email;
	await logIn(page, unknown, account.password);
	await expect(page.getByRole('alert')).toHaveText('Email atau kata sandi salah.');
	await expect(page).toHaveURL(/\/login$/);
	await expect(page.getByLabel('Email', { exact: true })).toHaveValue(unknown);

	// And the right password still works afterwards.
	await logIn(page, account.email, account.password);
	await expect(page).toHaveURL(/\/dashboard$/);
});

test('register: a too-short password is refused with the translated rule, input kept', async ({
	page
}) => {
	const account = newAccount({ password: 'pendek' });
	await open(page, '/register');
	await fillRegisterForm(page, account);
	await page.getByRole('button', { name: 'Daftar', exact: true }).click();

	await expect(page.getByRole('alert')).toHaveText('Periksa kembali isian yang ditandai.');
	const password = page.getByLabel('Kata sandi', { exact: true });
	await expect(password).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#password-error')).toHaveText('Kata sandi minimal 10 karakter.');
	await expect(password).toHaveAccessibleDescription(/Kata sandi minimal 10 karakter\./);
	await expect(page.locator('.errors')).toHaveCount(1);

	await expect(page).toHaveURL(/\/register$/);
	await expect(page.getByLabel('Nama lengkap', { exact: true })).toHaveValue(account.fullName);
	await expect(page.getByLabel('Email', { exact: true })).toHaveValue(account.email);
	await expect(page.getByLabel('Nomor ponsel', { exact: true })).toHaveValue(account.phone);
	await expect(page.getByLabel('Tanggal lahir', { exact: true })).toHaveValue(account.birthDate);
	await expect(password).toHaveValue('pendek');

	// In English the same refusal reads in English.
	await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByLabel('Full name', { exact: true }).fill(account.fullName);
	await page.getByLabel('Email', { exact: true }).fill(account.email);
	await page.getByLabel('Mobile number', { exact: true }).fill(account.phone);
	await page.getByLabel('Date of birth', { exact: true }).fill(account.birthDate);
	await page.getByLabel('Password', { exact: true }).fill('short');
	await page.getByRole('button', { name: 'Sign up', exact: true }).click();
	await expect(page.locator('#password-error')).toHaveText(
		'The password needs at least 10 characters.'
	);
	await expect(page.getByRole('alert')).toHaveText('Please check the highlighted fields.');
});

// Regression: an empty birth date used to make the shared schema call ageInYears('') and
// throw inside the submit handler, so the form showed nothing at all.
test('register: an empty form names every required field', async ({ page }) => {
	await open(page, '/register');
	await expect(page.getByRole('heading', { level: 1, name: 'Buat akun' })).toBeVisible();
	await page.getByRole('button', { name: 'Daftar', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText('Periksa kembali isian yang ditandai.', {
		timeout: 3_000
	});
	for (const id of ['fullName', 'email', 'phone', 'birthDate']) {
		await expect(page.locator(`#${id}-error`)).toHaveText('Wajib diisi.');
	}
	await expect(page.locator('#password-error')).toHaveText('Kata sandi minimal 10 karakter.');
	await expect(page).toHaveURL(/\/register$/);
});

function escapeRegExp(text: string) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
