/**
 * Document slots in the wizard, in Chromium: a photo is compressed on the phone and uploaded;
 * a file attached with no signal waits on the phone; an upload cut off midway resumes where the
 * server's bytes end, so the server receives far fewer bytes than a restart would send.
 */
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { UPLOAD_CHUNK_BYTES } from '../../src/lib/domain/document-uploads';
import { gradientPng } from '../support/sample-files';
import { addApplicant, INDONESIAN_PHONE, registerAndVerify, SITI } from './helpers';
import { queryE2eDatabase } from './server-info';

test.use(INDONESIAN_PHONE);

interface DocumentRow extends Record<string, unknown> {
	doc_type: string;
	mime_type: string;
	size_bytes: number;
	width: number | null;
	height: number | null;
	bytes_received: number;
}

async function serverDocuments(applicationId: string): Promise<DocumentRow[]> {
	return queryE2eDatabase<DocumentRow>(
		(
			sql
		) => sql`select doc_type, mime_type, size_bytes, width, height, bytes_received::int as bytes_received
			from application_documents
			where application_id = ${applicationId} and replaced_at is null
			order by created_at`
	);
}

async function openDocumentsStep(page: Page): Promise<string> {
	await registerAndVerify(page);
	await addApplicant(page, SITI);
	await expect(page.getByTestId('sync-status')).toContainText('Semua tersinkron', {
		timeout: 20_000
	});
	await page.getByRole('button', { name: `Buat permohonan paspor ${SITI.fullName}` }).click();
	await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
	const applicationId = page.url().split('/').at(-1)!;
	await page.goto(`/applications/${applicationId}?step=documents`);
	await expect(page.getByTestId('document-slot').first()).toBeVisible();
	// Documents upload only once the server knows the application.
	await expect(page.getByTestId('sync-status')).toContainText('Semua tersinkron', {
		timeout: 20_000
	});
	return applicationId;
}

function slot(page: Page, requirement: string) {
	return page.locator(`[data-requirement="${requirement}"]`).getByTestId('document-slot');
}

test('a photo is compressed on the phone, shown as a thumbnail and uploaded', async ({ page }) => {
	const applicationId = await openDocumentsStep(page);
	const ktp = slot(page, 'ktp');
	await expect(ktp.getByTestId('document-state')).toHaveText('Belum dilampirkan');

	await ktp.getByLabel('Pilih berkas').setInputFiles({
		name: 'ktp.png',
		mimeType: 'image/png',
		buffer: gradientPng(3000, 2000)
	});
	await expect(ktp.getByRole('img', { name: /Pratinjau/ })).toBeVisible();
	await expect(ktp.getByTestId('document-state')).toHaveText('Terunggah', { timeout: 20_000 });
	await expect(ktp.getByText('Ganti dengan foto baru')).toBeVisible();

	const [row] = await serverDocuments(applicationId);
	expect(row).toMatchObject({
		doc_type: 'ktp',
		mime_type: 'image/jpeg',
		width: 2000,
		height: 1333
	});
	expect(row!.size_bytes).toBeLessThan(1_000_000);

	const axe = await new AxeBuilder({ page }).include('main').analyze();
	expect(axe.violations).toEqual([]);
});

test('a photo taken with no signal waits on the phone and uploads once back online', async ({
	page,
	context
}) => {
	const applicationId = await openDocumentsStep(page);
	const ktp = slot(page, 'ktp');
	await context.setOffline(true);
	await ktp.getByLabel('Ambil foto').setInputFiles({
		name: 'IMG_0001.png',
		mimeType: 'image/png',
		buffer: gradientPng(2400, 1800)
	});
	await expect(ktp.getByRole('img', { name: /Pratinjau/ })).toBeVisible();
	await expect(ktp.getByTestId('document-state')).toHaveText(
		'Tersimpan di perangkat ini. Akan diunggah saat ada koneksi.'
	);
	expect(await serverDocuments(applicationId)).toEqual([]);

	await context.setOffline(false);
	await expect(ktp.getByTestId('document-state')).toHaveText('Terunggah', { timeout: 30_000 });
	expect(await serverDocuments(applicationId)).toEqual([
		expect.objectContaining({ doc_type: 'ktp', mime_type: 'image/jpeg', width: 2000, height: 1500 })
	]);
});

test('a file refused by its bytes says why', async ({ page }) => {
	await openDocumentsStep(page);
	const kk = slot(page, 'kartu_keluarga');
	await kk.getByLabel('Pilih berkas').setInputFiles({
		name: 'kk.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('Ini bukan PDF, hanya teks.')
	});
	await expect(kk.getByTestId('document-error')).toContainText(
		'Hanya foto JPEG, PNG, atau berkas PDF yang diterima'
	);
	await expect(kk.getByTestId('document-state')).toHaveText('Belum dilampirkan');
});

test('an upload cut off midway resumes instead of starting over', async ({ page, context }) => {
	const applicationId = await openDocumentsStep(page);
	const scan = Buffer.concat([
		Buffer.from('%PDF-1.4\n'),
		randomBytes(3 * 1024 * 1024),
		Buffer.from('\n%%EOF\n')
	]);
	// A slow uplink, so there is a "midway" to cut.
	const network = await context.newCDPSession(page);
	await network.send('Network.enable');
	await network.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 40,
		downloadThroughput: 2_000_000,
		uploadThroughput: 400 * 1024
	});

	const kk = slot(page, 'kartu_keluarga');
	await kk.getByLabel('Pilih berkas').setInputFiles({
		name: 'kk.pdf',
		mimeType: 'application/pdf',
		buffer: scan
	});
	await expect(kk.getByTestId('document-state')).toHaveText(/Mengunggah… [3-9]\d%/, {
		timeout: 30_000
	});

	await context.setOffline(true);
	await network.send('Network.emulateNetworkConditions', {
		offline: true,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: -1
	});
	await expect(kk.getByTestId('document-state')).toHaveText(
		'Tersimpan di perangkat ini. Akan diunggah saat ada koneksi.'
	);

	await network.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: -1
	});
	await context.setOffline(false);
	await expect(kk.getByTestId('document-state')).toHaveText('Terunggah', { timeout: 30_000 });

	const [row] = await serverDocuments(applicationId);
	expect(row).toMatchObject({ doc_type: 'kartu_keluarga', size_bytes: scan.length });
	// A restart would have sent the whole file again on top of the 30 % and more sent before;
	// a resume sends at most the part of one chunk that was in flight twice.
	expect(row!.bytes_received).toBeGreaterThanOrEqual(scan.length);
	expect(row!.bytes_received).toBeLessThanOrEqual(scan.length + UPLOAD_CHUNK_BYTES);
});
