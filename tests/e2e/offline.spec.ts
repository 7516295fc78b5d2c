/**
 * The offline promise, in Chromium: half an application online, the rest with no network
 * (including a reload), then back online — the server ends up with exactly what was typed,
 * each change applied once. And a change from a second device is shown, not lost.
 */
import { createHash } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { minimalPdf } from '../support/sample-files';
import { addApplicant, INDONESIAN_PHONE, logIn, registerAndVerify, SITI } from './helpers';
import { queryE2eDatabase } from './server-info';

test.use(INDONESIAN_PHONE);

/** A scan kept as it is (PDFs are not recompressed), so its bytes can be compared end to end. */
const scan = minimalPdf(40_000);

async function waitUntilSynced(page: Page) {
	await expect(page.getByTestId('sync-status')).toContainText('Semua tersinkron', {
		timeout: 20_000
	});
}

async function startApplication(page: Page, fullName: string) {
	await page.getByRole('button', { name: `Buat permohonan paspor ${fullName}` }).click();
	await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 2, name: /Layanan/ })).toBeVisible();
	return page.url().split('/').at(-1)!;
}

async function serverApplication(id: string) {
	const rows = await queryE2eDatabase(
		(sql) => sql`select form, version, status from applications where id = ${id}`
	);
	return rows[0] as { form: Record<string, unknown>; version: number; status: string } | undefined;
}

test('half an application online, the rest offline across a reload, synced exactly once', async ({
	page,
	context
}) => {
	await registerAndVerify(page);
	await addApplicant(page, SITI);
	await waitUntilSynced(page);
	const applicationId = await startApplication(page, SITI.fullName);
	const kk = page.locator('[data-requirement="kartu_keluarga"]').getByTestId('document-slot');

	await test.step('online: the service step', async () => {
		await page.getByLabel('Reguler').check();
		await page.getByLabel('Paspor baru').check();
		await page.getByLabel('Paspor elektronik', { exact: true }).check();
		await page.getByLabel('10 tahun').check();
		await expect(page.getByTestId('fee')).toContainText('Rp950.000');
		await waitUntilSynced(page);
		expect((await serverApplication(applicationId))?.form).toEqual({
			service: 'reguler',
			applicationType: 'baru',
			passportType: 'elektronik',
			validityYears: 10
		});
	});

	await test.step('offline: a reload opens the app with everything still there', async () => {
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { level: 2, name: /Layanan/ })).toBeVisible();
		await expect(page.getByLabel('Paspor elektronik', { exact: true })).toBeChecked();
		await expect(page.getByLabel('10 tahun')).toBeChecked();
	});

	await test.step('offline: finish the form', async () => {
		await page.getByRole('button', { name: 'Lanjut' }).click();
		await page.getByLabel('Belum pernah').check();
		await page.getByRole('button', { name: 'Lanjut' }).click();
		await page.getByLabel('Ibadah umrah').check();
		await page.getByLabel('Negara tujuan', { exact: true }).selectOption('SA');
		await page
			.getByLabel('Alamat di negara tujuan')
			.fill('Hotel Hilton, Jalan Ibrahim Al Khalil, Makkah');
		await page.getByLabel('Lama tinggal (hari)').fill('12');
		await page.getByLabel('Nama kerabat').fill('Aminah Hasan');
		await page.getByLabel('Nomor ponsel kerabat').fill('0813 1111 2222');
		await expect(page.getByTestId('sync-status')).toContainText('Tanpa sinyal');

		await page.getByRole('button', { name: 'Lanjut' }).click();
		await kk.getByLabel('Pilih berkas').setInputFiles({
			name: 'kartu-keluarga.pdf',
			mimeType: 'application/pdf',
			buffer: scan
		});
		await expect(kk.getByTestId('document-state')).toHaveText(
			'Tersimpan di perangkat ini. Akan diunggah saat ada koneksi.'
		);

		// Closing and reopening the app offline keeps every answer.
		await page.reload();
		await expect(kk.getByTestId('document-state')).toHaveText(
			'Tersimpan di perangkat ini. Akan diunggah saat ada koneksi.'
		);
		await page.getByRole('link', { name: /Perjalanan/ }).click();
		await expect(page.getByLabel('Lama tinggal (hari)')).toHaveValue('12');
		await expect(page.getByLabel('Nama kerabat')).toHaveValue('Aminah Hasan');
		expect((await serverApplication(applicationId))?.form).not.toHaveProperty('travelPurpose');
	});

	await test.step('back online: the server holds exactly what was typed, applied once', async () => {
		await context.setOffline(false);
		await waitUntilSynced(page);
		const row = await serverApplication(applicationId);
		expect(row?.form).toEqual({
			service: 'reguler',
			applicationType: 'baru',
			passportType: 'elektronik',
			validityYears: 10,
			hadPassportBefore: false,
			travelPurpose: 'ibadah_umrah',
			destinationCountry: 'SA',
			destinationAddress: 'Hotel Hilton, Jalan Ibrahim Al Khalil, Makkah',
			stayDurationDays: 12,
			relativeName: 'Aminah Hasan',
			relativePhone: '+6281311112222'
		});
		await page.getByRole('link', { name: /Dokumen/ }).click();
		await expect(kk.getByTestId('document-state')).toHaveText('Terunggah', { timeout: 30_000 });
		const documents = await queryE2eDatabase(
			(sql) =>
				sql`select doc_type, sha256 from application_documents where application_id = ${applicationId}`
		);
		expect(documents).toEqual([
			{ doc_type: 'kartu_keluarga', sha256: createHash('sha256').update(scan).digest('hex') }
		]);
		const mutations = await queryE2eDatabase(
			(sql) =>
				sql`select m.id from sync_mutations m join applications a on a.account_id = m.account_id where a.id = ${applicationId} and m.result->>'status' <> 'applied'`
		);
		expect(mutations).toEqual([]);
	});
});

test('a change from a second device to the same answer is shown and chosen, not lost', async ({
	browser
}) => {
	const phoneContext = await browser.newContext(INDONESIAN_PHONE);
	const phone = await phoneContext.newPage();
	const account = await registerAndVerify(phone);
	await addApplicant(phone, SITI);
	await waitUntilSynced(phone);
	const applicationId = await startApplication(phone, SITI.fullName);
	await phone.getByLabel('Paspor biasa (non-elektronik)').check();
	await waitUntilSynced(phone);

	const laptopContext = await browser.newContext(INDONESIAN_PHONE);
	const laptop = await laptopContext.newPage();
	await logIn(laptop, account.email, account.password);
	await expect(laptop).toHaveURL(/\/dashboard$/);
	await laptop.getByRole('link', { name: `Lanjutkan permohonan ${SITI.fullName}` }).click();
	await expect(laptop.getByLabel('Paspor biasa (non-elektronik)')).toBeChecked();

	await phoneContext.setOffline(true);
	await phone.getByLabel('Paspor elektronik', { exact: true }).check();
	await laptop.getByLabel('Paspor elektronik polikarbonat').check();
	// The laptop's answer must reach the server first (its status may still show an earlier sync).
	await expect
		.poll(async () => (await serverApplication(applicationId))?.form.passportType, {
			timeout: 20_000
		})
		.toBe('elektronik_polikarbonat');
	await phoneContext.setOffline(false);

	const panel = phone.getByRole('region', { name: 'Diubah juga di perangkat lain' });
	await expect(panel).toBeVisible({ timeout: 20_000 });
	await expect(panel).toContainText('Paspor elektronik polikarbonat');
	await expect(panel).toContainText('Paspor elektronik');
	// Until the person chooses, their own answer stays on screen.
	await expect(phone.getByLabel('Paspor elektronik', { exact: true })).toBeChecked();
	await panel.getByRole('button', { name: 'Pakai isian saya' }).click();
	await expect(panel).toHaveCount(0);
	await waitUntilSynced(phone);
	expect((await serverApplication(applicationId))?.form.passportType).toBe('elektronik');

	await phoneContext.close();
	await laptopContext.close();
});
