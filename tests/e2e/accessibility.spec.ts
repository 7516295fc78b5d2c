/**
 * axe (WCAG 2 A and AA rules) on every page, in the states people actually see them, plus
 * keyboard reachability of the form fields. No rule is disabled: a serious or critical
 * violation fails the test and is printed in full.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import {
	addApplicant,
	applicantRow,
	fillApplicantForm,
	fillRegisterForm,
	INDONESIAN_PHONE,
	newAccount,
	open,
	register,
	SITI,
	verifyFromMailbox
} from './helpers';

test.use(INDONESIAN_PHONE);

async function expectNoSeriousViolations(page: Page, label: string) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	const serious = results.violations.filter(
		(violation) => violation.impact === 'serious' || violation.impact === 'critical'
	);
	const report = serious
		.map(
			(violation) =>
				`[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n` +
				violation.nodes
					.map(
						(node) =>
							`    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`
					)
					.join('\n')
		)
		.join('\n');
	await test.info().attach(`axe ${label}`, {
		body: JSON.stringify(results.violations, null, 2),
		contentType: 'application/json'
	});
	expect(results.passes.length, `axe ran its checks on ${label}`).toBeGreaterThan(10);
	expect(serious, `axe on ${label} (${page.url()}):\n${report}`).toEqual([]);
}

test('the axe check itself catches a serious violation', async ({ page }) => {
	// Guards against a check that silently passes: an unlabelled field and a nameless button.
	await page.setContent(
		'<html lang="id"><head><title>x</title></head><body><main><input type="text"><button></button></main></body></html>'
	);
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	const ids = results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => violation.id);
	expect(ids).toEqual(expect.arrayContaining(['label', 'button-name']));
});

test('public pages have no serious or critical axe violations', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ajukan paspor dari ponsel, tanpa drama kuota'
	);
	await expectNoSeriousViolations(page, 'landing (id)');

	await open(page, '/register');
	await expect(page.getByRole('heading', { level: 1, name: 'Buat akun' })).toBeVisible();
	await expectNoSeriousViolations(page, 'register');
	// The same form showing field errors.
	await fillRegisterForm(
		page,
		newAccount({ email: 'bukan-email', phone: '12', password: 'pendek' })
	);
	await page.getByRole('button', { name: 'Daftar', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText('Periksa kembali isian yang ditandai.');
	await expect(page.locator('[aria-invalid="true"]')).toHaveCount(3);
	await expectNoSeriousViolations(page, 'register with errors');

	await page.goto('/verify');
	await expect(page.getByRole('heading', { level: 1, name: 'Verifikasi email' })).toBeVisible();
	await expectNoSeriousViolations(page, 'verify (no email in link)');

	await page.goto('/login');
	await expect(page.getByRole('heading', { level: 1, name: 'Masuk' })).toBeVisible();
	await expectNoSeriousViolations(page, 'login');

	await page.goto('/forgot-password');
	await expect(page.getByRole('heading', { level: 1, name: 'Lupa kata sandi' })).toBeVisible();
	await expectNoSeriousViolations(page, 'forgot-password');

	await page.goto('/');
	await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Apply for a passport from your phone, without the quota drama'
	);
	await expectNoSeriousViolations(page, 'landing (en)');
});

test('signed-in pages have no serious or critical axe violations', async ({ page }) => {
	const account = newAccount();
	await register(page, account);
	await expectNoSeriousViolations(page, 'verify (after registering)');
	await verifyFromMailbox(page, account);

	await expect(page.getByTestId('applicant-count')).toHaveText('0 dari 5 pemohon');
	await expectNoSeriousViolations(page, 'dashboard (empty)');

	await page.goto('/applicants/new');
	await expect(page.getByRole('heading', { level: 1, name: 'Tambah pemohon' })).toBeVisible();
	await expectNoSeriousViolations(page, 'applicants/new');
	await fillApplicantForm(page, { ...SITI, birthDate: '1985-12-04' });
	await page.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(page.locator('#nik-error')).toBeVisible();
	await expectNoSeriousViolations(page, 'applicants/new with errors');

	await page.goto('/dashboard');
	await addApplicant(page, SITI);
	await expectNoSeriousViolations(page, 'dashboard (one applicant)');

	await applicantRow(page, SITI.fullName)
		.getByRole('link', { name: `Ubah ${SITI.fullName}` })
		.click();
	await expect(page).toHaveURL(/\/applicants\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Ubah data pemohon' })).toBeVisible();
	await expect(page.getByLabel('NIK', { exact: true })).toHaveValue(SITI.nik);
	await expectNoSeriousViolations(page, 'applicant edit page');
});

test('register form fields are reachable with Tab and show a visible focus outline', async ({
	page
}) => {
	await page.goto('/register');
	await expect(page.getByRole('heading', { level: 1, name: 'Buat akun' })).toBeVisible();

	// From the top of the page, the first Tab lands on the skip link, which jumps to the content.
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Langsung ke isi' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();

	// Tab on through the header until the form's first field is focused.
	const stops = [
		page.getByLabel('Nama lengkap', { exact: true }),
		page.getByLabel('Email', { exact: true }),
		page.getByLabel('Nomor ponsel', { exact: true }),
		page.getByLabel('Tanggal lahir', { exact: true }),
		page.getByLabel('Kata sandi', { exact: true }),
		page.getByLabel('Tampilkan kata sandi'),
		page.getByRole('button', { name: 'Daftar', exact: true })
	];
	for (const stop of stops) {
		await tabUntilFocused(page, stop);
		await expectVisibleFocus(stop);
	}

	// The skip link itself: Enter moves the next Tab straight into the form.
	await page.goto('/register');
	await page.keyboard.press('Tab');
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	await expect(stops[0]!).toBeFocused();
});

/** Presses Tab (a bounded number of times) until `target` has focus. */
async function tabUntilFocused(page: Page, target: ReturnType<Page['locator']>, maxPresses = 8) {
	for (let press = 0; press < maxPresses; press++) {
		if (await target.evaluate((element) => element === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	await expect(target, `reachable with at most ${maxPresses} Tab presses`).toBeFocused();
}

async function expectVisibleFocus(target: ReturnType<Page['locator']>) {
	await expect(target).toBeFocused();
	const outline = await target.evaluate((element) => {
		const style = getComputedStyle(element);
		return {
			style: style.outlineStyle,
			width: parseFloat(style.outlineWidth),
			focusVisible: element.matches(':focus-visible')
		};
	});
	expect(outline.focusVisible, 'keyboard focus matches :focus-visible').toBe(true);
	expect(outline.style, 'focus outline style').not.toBe('none');
	expect(outline.width, 'focus outline width (px)').toBeGreaterThanOrEqual(2);
}
