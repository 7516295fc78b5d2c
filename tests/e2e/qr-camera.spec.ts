/**
 * QR check-in through the camera, with no hand on the paste field: Chromium's fake camera plays
 * a picture of a real receipt's QR (rendered here from the receipt the server signed), the
 * check-in page reads it from the video and checks the person in.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { openPostgres, type DatabaseHandle } from '../../src/lib/server/db/client';
import { issueReceipt } from '../../src/lib/server/receipts/issue';
import { writeQrY4m } from './fake-camera';
import { expect, test, watchCsp } from './fixtures';
import { INDONESIAN_PHONE, logIn, open, PASSWORD } from './helpers';
import { officeWithStaff, paidBookingToday } from './office-fixtures';
import { e2eServerInfo } from './server-info';

let sql: postgres.Sql;
let database: DatabaseHandle;

test.beforeAll(() => {
	sql = postgres(e2eServerInfo().databaseUrl, { max: 2, onnotice: () => {} });
	database = openPostgres(e2eServerInfo().databaseUrl, { max: 2 });
});

test.afterAll(async () => {
	await sql?.end();
	await database?.close();
});

test('staff scan a paid receipt with the camera and the person is checked in', async ({
	playwright,
	baseURL
}, testInfo) => {
	const office = await officeWithStaff(sql);
	const booked = await paidBookingToday(sql, office.id, 'Rina Marlina');
	const receipt = await issueReceipt(database.db, booked.bookingId);
	expect(receipt).not.toBeNull();
	mkdirSync(testInfo.outputDir, { recursive: true });
	const video = join(testInfo.outputDir, 'receipt-qr.y4m');
	writeQrY4m(receipt!.token, video);

	// The camera file must be known when Chromium starts, so this test starts its own.
	const launchOptions = testInfo.project.use.launchOptions ?? {};
	const browser = await playwright.chromium.launch({
		...launchOptions,
		args: [
			...(launchOptions.args ?? []),
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			`--use-file-for-fake-video-capture=${video}`
		]
	});
	const violations: string[] = [];
	try {
		const context = await browser.newContext({
			...INDONESIAN_PHONE,
			baseURL,
			viewport: { width: 820, height: 1180 },
			permissions: ['camera']
		});
		watchCsp(context, violations);
		const page = await context.newPage();
		await logIn(page, office.email, PASSWORD);
		await expect(page).toHaveURL(/\/office/);
		await open(page, '/office/checkin');

		await page.getByRole('button', { name: 'Pindai QR' }).click();
		await expect(page.getByTestId('checkin-ticket')).toHaveText(
			'Nomor antrean A-001 untuk Rina Marlina',
			{ timeout: 20_000 }
		);
		// The scanner let go of the camera once it had the code.
		await expect(page.getByLabel('Gambar kamera untuk memindai QR')).toBeHidden();
		await expect(page.getByRole('button', { name: 'Pindai QR' })).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath('qr-camera-checked-in.png') });

		const [ticket] = await sql<{ label: string }[]>`
			select label from queue_tickets where booking_id = ${booked.bookingId}`;
		expect(ticket?.label).toBe('A-001');
		await context.close();
	} finally {
		await browser.close();
	}
	expect(violations, 'Content Security Policy violations').toEqual([]);
});
