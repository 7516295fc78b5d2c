/**
 * From a hold to an appointment one can prove with no signal: book, pay the billing code in
 * the sandbox bank (a signed webhook, as a bank), see the receipt QR, download the Surat
 * Pengantar, then go offline and reload: the QR and the letter are still there, and the QR
 * read back from a screenshot verifies against the published keys.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import postgres from 'postgres';
import { extractText, getDocumentProxy } from 'unpdf';
import { verifyReceipt } from '../../src/lib/receipts/verify';
import { INDONESIAN_PHONE, open } from './helpers';
import { expectAccessible, releaseOpeningSoon } from './booking-fixtures';
import { applicantReadyToBook, enterJayapuraRoom } from './booking-steps';
import { e2eServerInfo } from './server-info';

test.use(INDONESIAN_PHONE);

let sql: postgres.Sql;

test.beforeAll(() => {
	sql = postgres(e2eServerInfo().databaseUrl, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
	await sql?.end();
});

async function waitForServiceWorkerControl(page: Page) {
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), {
			message: 'a service worker controls the page',
			timeout: 20_000
		})
		.toBe('activated');
}

async function pdfText(path: string): Promise<string> {
	const document = await getDocumentProxy(new Uint8Array(await readFile(path)));
	const { text } = await extractText(document, { mergePages: true });
	return text.replace(/\s+/g, ' ');
}

/** "Senin, 30 November 2026" as the letter and the receipt page write a date. */
function indonesianDate(date: string) {
	return new Intl.DateTimeFormat('id-ID', {
		timeZone: 'UTC',
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric'
	}).format(new Date(`${date}T12:00:00Z`));
}

test('book, pay in the sandbox bank, keep the receipt QR and the letter for a day with no signal', async ({
	page,
	context,
	request
}) => {
	test.setTimeout(150_000);
	const { application } = await applicantReadyToBook(page, sql);
	const { date } = await releaseOpeningSoon(sql, {
		label: 'Uji Bayar',
		inSeconds: 12,
		daysAhead: 4,
		times: [['09:00', '10:00']],
		capacity: 5
	});

	await test.step('book the slot through the waiting room', async () => {
		await enterJayapuraRoom(page, 'Uji Bayar');
		await expect(
			page.getByRole('heading', { level: 2, name: 'Giliran Anda! Pilih jadwal' })
		).toBeVisible({ timeout: 45_000 });
		await page.getByRole('radio', { name: /09:00–10:00/ }).check();
		await page.getByRole('button', { name: 'Pesan jadwal ini' }).click();
		await expect(
			page.getByRole('heading', { level: 2, name: 'Jadwal Anda ditahan' })
		).toBeVisible();
		// The booking page lists the account's holds straight from the server. (The room page
		// shows them too, but its live view can briefly fall back to an older state.)
		await open(page, '/booking');
	});

	let billingCode = '';
	await test.step('the hold shows its billing code, amount, deadline and how to pay', async () => {
		const hold = page.getByTestId('hold');
		const code = hold.getByTestId('billing-code');
		await expect(code).toHaveText(/^\d{4} \d{4} \d{4} \d{3}$/);
		billingCode = (await code.getAttribute('data-code')) ?? '';
		expect(billingCode).toMatch(/^\d{15}$/);
		await expect(hold.getByTestId('billing-amount')).toHaveText('Rp950.000');
		await expect(hold).toContainText(/Bayar sebelum .* WIT/);
		await expect(hold).toContainText('Sisa waktu bayar');
		await hold.getByText('Cara membayar').click();
		await expect(hold).toContainText('ATM: menu Pembayaran');
		await expect(hold).toContainText('Kantor pos');
		await expectAccessible(page, 'hold with its billing code');
	});

	await test.step('pay it in the sandbox bank, as a bank would', async () => {
		const bank = await context.newPage();
		await open(bank, '/sandbox-bank');
		await bank.getByLabel('Kode billing').fill(billingCode.replace(/(\d{4})/g, '$1 '));
		await bank.getByRole('button', { name: 'Bayar' }).click();
		await expect(
			bank.getByRole('status').filter({
				hasText: `Pembayaran Rp950.000 untuk kode ${billingCode} diterima. Jadwal lunas.`
			})
		).toBeVisible();
		// Paying again is a new payment of a paid code: the bank is refused. The answer came as a
		// new page: let it hydrate first, or hydration may reset the field after it was filled.
		await bank.waitForLoadState('networkidle');
		await bank.getByLabel('Kode billing').fill(billingCode);
		await bank.getByRole('button', { name: 'Bayar' }).click();
		await expect(
			bank.getByRole('alert').filter({ hasText: 'Pembayaran ditolak: kode billing sudah dibayar' })
		).toBeVisible();
		await bank.close();
	});

	await test.step('the hold turns paid by itself and links to the receipt', async () => {
		const hold = page.getByTestId('hold');
		await expect(hold).toContainText('Pembayaran diterima', { timeout: 15_000 });
		await hold.getByRole('link', { name: 'Lihat bukti pembayaran dan Surat Pengantar' }).click();
		await expect(page).toHaveURL(new RegExp(`/applications/${application.id}/receipt$`));
		await expect(page.getByRole('heading', { level: 1, name: 'Bukti pembayaran' })).toBeVisible();
		await expect(page.getByTestId('receipt-qr')).toBeVisible();
		await expect(page.getByTestId('receipt-appointment')).toHaveText(
			`${indonesianDate(date)}, pukul 09:00–10:00 WIT`
		);
		await expect(page.getByText('Tanda tangan sah (diperiksa di perangkat ini).')).toBeVisible();
	});

	await test.step('download the letter: it names the person and the appointment', async () => {
		const link = page.getByTestId('letter-download');
		await expect(link).toBeVisible({ timeout: 30_000 });
		const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
		expect(download.suggestedFilename()).toBe(`surat-pengantar-${application.number}.pdf`);
		const text = await pdfText(await download.path());
		expect(text).toContain('Yohana Wenda');
		expect(text).toContain(application.number);
		expect(text).toContain(`${indonesianDate(date)}, pukul 09.00–10.00 WIT`);
		expect(text).toContain('Kantor Imigrasi Kelas I TPI Jayapura');
		expect(text).toContain('************0003');
		await expectAccessible(page, 'receipt');
	});

	const jwks = await (await request.get('/.well-known/jwks.json')).json();

	await test.step('with no signal, after a reload, the QR and the letter are still there', async () => {
		await waitForServiceWorkerControl(page);
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: 'Bukti pembayaran' })).toBeVisible();
		await expect(page.getByTestId('receipt-qr')).toBeVisible();
		await expect(page.getByTestId('receipt-appointment')).toContainText('09:00–10:00 WIT');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('letter-download').click()
		]);
		expect(await pdfText(await download.path())).toContain('Yohana Wenda');

		// Read the QR back from the screen, as an office phone would, and verify it offline.
		const shot = PNG.sync.read(await page.getByTestId('receipt-qr').screenshot());
		const decoded = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
		expect(decoded, 'a QR code in the screenshot').not.toBeNull();
		const verdict = await verifyReceipt(decoded!.data, jwks);
		expect(verdict).toMatchObject({
			valid: true,
			claims: {
				app: application.number,
				nm: 'Yohana Wenda',
				of: 'DJJ',
				dt: date,
				sl: '09:00-10:00'
			}
		});
	});

	await test.step('the dashboard links the receipt, offline too', async () => {
		await page.goto('/dashboard');
		await page.getByRole('link', { name: 'Bukti pembayaran Yohana Wenda' }).click();
		await expect(page.getByTestId('receipt-qr')).toBeVisible();
		await context.setOffline(false);
	});
});
