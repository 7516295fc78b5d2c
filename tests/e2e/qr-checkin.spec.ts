/**
 * QR check-in without the camera: a staff member pastes a receipt code into the fallback field.
 * A forged code is refused by the device itself with no connection, from the keys it keeps;
 * the real receipt, signed by the server's own code and key, checks the person in.
 */
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { openPostgres, type DatabaseHandle } from '../../src/lib/server/db/client';
import { issueReceipt } from '../../src/lib/server/receipts/issue';
import { INDONESIAN_PHONE, logIn, open, PASSWORD } from './helpers';
import { officeWithStaff, paidBookingToday } from './office-fixtures';
import { e2eServerInfo } from './server-info';

test.use(INDONESIAN_PHONE);

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

/** The same token with the name changed and the original signature kept. */
function forged(token: string): string {
	const [header, payload, signature] = token.split('.');
	const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
	const changed = Buffer.from(JSON.stringify({ ...claims, nm: 'Orang Lain' })).toString(
		'base64url'
	);
	return [header, changed, signature].join('.');
}

test('staff paste a receipt code: a forged one is refused offline, the real one checks in', async ({
	page,
	context
}) => {
	const office = await officeWithStaff(sql);
	const booked = await paidBookingToday(sql, office.id, 'Rina Marlina');
	const receipt = await issueReceipt(database.db, booked.bookingId);
	expect(receipt).not.toBeNull();

	await logIn(page, office.email, PASSWORD);
	await expect(page).toHaveURL(/\/office/);
	await open(page, '/office/checkin');
	await expect(page.getByRole('button', { name: 'Pindai QR' })).toBeVisible();
	// The page keeps the published keys on the device for scanning without a connection.
	await expect
		.poll(() => page.evaluate(() => localStorage.getItem('lancar.receipt-jwks') !== null))
		.toBe(true);

	const code = page.getByLabel('Kode bukti pembayaran');
	const submit = page.getByRole('button', { name: 'Terima dengan bukti' });

	await test.step('a forged receipt is refused by the device, offline', async () => {
		await context.setOffline(true);
		await code.fill(forged(receipt!.token));
		await submit.click();
		await expect(page.getByRole('alert')).toContainText('Tanda tangan bukti ini tidak sah');
		await context.setOffline(false);
	});

	await test.step('the real receipt checks the person in', async () => {
		await code.fill(receipt!.token);
		await submit.click();
		await expect(page.getByTestId('checkin-ticket')).toHaveText(
			'Nomor antrean A-001 untuk Rina Marlina'
		);
		const [ticket] = await sql<{ label: string }[]>`
			select label from queue_tickets where booking_id = ${booked.bookingId}`;
		expect(ticket?.label).toBe('A-001');
	});

	await test.step('the same receipt again is refused by the server', async () => {
		await code.fill(receipt!.token);
		await submit.click();
		await expect(page.getByRole('alert')).toContainText(
			'sudah diterima hari ini dengan nomor A-001'
		);
	});
});
