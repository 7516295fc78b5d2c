import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingCodeFromPayload } from '../../src/lib/domain/billing-code';
import { verifyReceipt } from '../../src/lib/receipts/verify';
import { bookingConfirmed } from '../../src/lib/server/booking/confirmed';
import { expireAttemptHolds } from '../../src/lib/server/booking/holds';
import { config } from '../../src/lib/server/config';
import { db } from '../../src/lib/server/db';
import {
	applicants,
	applications,
	bookings,
	paymentFlags,
	receiptKeys,
	receipts
} from '../../src/lib/server/db/schema';
import { letterFor } from '../../src/lib/server/letters/access';
import { payAsBank } from '../../src/lib/server/payments/sandbox-bank';
import { handlePaymentWebhook } from '../../src/lib/server/payments/webhook';
import {
	publishedJwks,
	rotateReceiptKey,
	sealStoredKeys,
	signingKey
} from '../../src/lib/server/receipts/keys';
import { openPrivateJwk } from '../../src/lib/server/receipts/sealed-key';
import { applicationStatus, countRows, freshOffice, staffOf, waitFor } from './booking-fixtures';
import {
	billPaidAt,
	bookingStatus,
	deliver,
	heldBooking,
	notificationBody,
	pdfText
} from './payment-fixtures';

const eventsOf = (code: string) =>
	countRows(sql`select count(*)::int as n from payment_events where billing_code = ${code}`);
const receiptsOf = (applicationId: string) =>
	countRows(sql`select count(*)::int as n from receipts where application_id = ${applicationId}`);

/** Nothing about the hold changed: still held, unpaid, no event, no receipt. */
async function expectUntouched(hold: Awaited<ReturnType<typeof heldBooking>>) {
	expect(await bookingStatus(hold.bookingId)).toBe('held');
	expect(await applicationStatus(hold.applicationId)).toBe('booked');
	expect(await billPaidAt(hold.billingCode)).toBeNull();
	expect(await eventsOf(hold.billingCode)).toBe(0);
	expect(await receiptsOf(hold.applicationId)).toBe(0);
}

async function letterPdf(bookingId: string, accountId: string) {
	return waitFor(
		async () => {
			const answer = await letterFor(
				await db(),
				{ id: accountId, role: 'applicant', officeId: null },
				bookingId
			);
			return answer.kind === 'pdf' ? answer.pdf : null;
		},
		20_000,
		'the letter'
	);
}

describe('billing codes', () => {
	it('are 15 digits for the fee of the application on the hold, payable until its deadline', async () => {
		const hold = await heldBooking();
		expect(hold.billingCode).toMatch(/^[1-9]\d{14}$/);
		// elektronik, 10 years, reguler under PP 45/2024.
		expect(hold.amount).toBe(950_000);
		const again = await (await hold.person.browser.caller()).payment.bills();
		expect(again).toHaveLength(1);
		expect(again[0]).toMatchObject({ code: hold.billingCode, regulation: 'PP 45/2024' });
		expect(again[0]!.expiresAt.getTime()).toBe(hold.expiresAt.getTime());
	});
});

describe('payment webhook', () => {
	it('pays the hold: booking and application paid, a receipt that verifies, then the letter', async () => {
		const hold = await heldBooking({ timeZone: 'Asia/Jayapura' });
		const answer = await deliver(
			notificationBody({ billingCode: hold.billingCode, amount: hold.amount })
		);
		expect(answer).toEqual({ status: 200, body: { ok: true, result: 'paid' } });
		expect(await bookingStatus(hold.bookingId)).toBe('paid');
		expect(await applicationStatus(hold.applicationId)).toBe('paid');
		expect(await billPaidAt(hold.billingCode)).not.toBeNull();

		const caller = await hold.person.browser.caller();
		const { receipts: mine, jwks } = await caller.payment.receipts();
		expect(mine).toHaveLength(1);
		const verdict = await verifyReceipt(mine[0]!.token, jwks);
		expect(verdict.valid).toBe(true);
		if (!verdict.valid) return;
		const [application] = await (
			await db()
		)
			.select({ number: applications.number })
			.from(applications)
			.where(eq(applications.id, hold.applicationId));
		expect(verdict.claims).toMatchObject({
			app: application!.number,
			nm: 'Budi Santoso',
			dt: hold.date,
			sl: '07:00-07:10'
		});

		const pdf = await letterPdf(hold.bookingId, hold.person.id);
		expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
		const text = await pdfText(pdf);
		expect(text).toContain('Budi Santoso');
		expect(text).toContain(application!.number!);
		expect(text).toMatch(/pukul 07\.00–07\.10 WIT/);
		expect(text).toContain('DIREKTORAT JENDERAL IMIGRASI');
		expect(text).toContain('Paspor elektronik');
		// The NIK shows its last four digits only.
		const [person] = await (
			await db()
		)
			.select({ nik: applicants.nik })
			.from(applicants)
			.innerJoin(applications, eq(applications.applicantId, applicants.id))
			.where(eq(applications.id, hold.applicationId));
		expect(text).toContain(`************${person!.nik.slice(-4)}`);
		expect(text).not.toContain(person!.nik);
		expect(text).toMatch(/tidak dapat dikembalikan/);
	});

	it('gives the same event one effect, also when it arrives twice at once', async () => {
		const hold = await heldBooking();
		const body = notificationBody({ billingCode: hold.billingCode, amount: hold.amount });
		const [first, second] = await Promise.all([deliver(body), deliver(body)]);
		expect([first.body.result, second.body.result].sort()).toEqual(['duplicate', 'paid']);
		const third = await deliver(body);
		expect(third).toEqual({ status: 200, body: { ok: true, result: 'duplicate' } });
		expect(await eventsOf(hold.billingCode)).toBe(1);
		expect(await receiptsOf(hold.applicationId)).toBe(1);
		expect(await bookingStatus(hold.bookingId)).toBe('paid');
	});

	it('refuses a wrong signature, a wrong secret and a changed body', async () => {
		const hold = await heldBooking();
		const body = notificationBody({ billingCode: hold.billingCode, amount: hold.amount });
		const wrongSecret = await deliver(body, { secret: 'x'.repeat(40) });
		expect(wrongSecret).toEqual({ status: 401, body: { ok: false, error: 'bad_signature' } });
		const changed = await deliver(body, {
			tamper: (raw) => raw.replace(`"amount":${hold.amount}`, `"amount":${hold.amount - 1}`)
		});
		expect(changed.status).toBe(401);
		const unsigned = await handlePaymentWebhook(await db(), {
			rawBody: body,
			headers: new Headers({ 'content-type': 'application/json' })
		});
		expect(unsigned.status).toBe(401);
		await expectUntouched(hold);
	});

	it('refuses a stale or future timestamp, and a captured request replayed later', async () => {
		const hold = await heldBooking();
		const body = notificationBody({ billingCode: hold.billingCode, amount: hold.amount });
		const window = config().PAYMENT_WEBHOOK_WINDOW_SECONDS * 1000;
		const stale = await deliver(body, { signedAt: new Date(Date.now() - window - 5_000) });
		expect(stale).toEqual({ status: 401, body: { ok: false, error: 'stale_timestamp' } });
		const future = await deliver(body, { signedAt: new Date(Date.now() + window + 5_000) });
		expect(future.body.error).toBe('stale_timestamp');
		// A request signed now but replayed six minutes later is outside the window.
		const replayed = await deliver(body, { now: new Date(Date.now() + window + 60_000) });
		expect(replayed.body.error).toBe('stale_timestamp');
		await expectUntouched(hold);
		// Inside the window the same request is accepted: the window, not luck, decided.
		const inWindow = await deliver(body, { signedAt: new Date(Date.now() - window + 10_000) });
		expect(inWindow.body.result).toBe('paid');
	});

	it('refuses an unknown billing code, a wrong amount and a malformed body', async () => {
		const hold = await heldBooking();
		const unknown = await deliver(
			notificationBody({ billingCode: billingCodeFromPayload('99999999999999'), amount: 950_000 })
		);
		expect(unknown).toEqual({ status: 404, body: { ok: false, error: 'unknown_billing_code' } });
		const less = await deliver(
			notificationBody({ billingCode: hold.billingCode, amount: hold.amount - 1_000 })
		);
		expect(less).toEqual({ status: 422, body: { ok: false, error: 'wrong_amount' } });
		const more = await deliver(
			notificationBody({ billingCode: hold.billingCode, amount: hold.amount + 1 })
		);
		expect(more.body.error).toBe('wrong_amount');
		const malformed = await deliver(JSON.stringify({ billingCode: hold.billingCode }));
		expect(malformed).toEqual({ status: 400, body: { ok: false, error: 'malformed' } });
		await expectUntouched(hold);
	});

	it('refuses a payment made after the billing code expired', async () => {
		const hold = await heldBooking({ holdMinutes: 1 });
		const answer = await deliver(
			notificationBody({
				billingCode: hold.billingCode,
				amount: hold.amount,
				paidAt: new Date(hold.expiresAt.getTime() + 1_000)
			}),
			{ now: new Date(hold.expiresAt.getTime() + 2_000) }
		);
		expect(answer).toEqual({ status: 422, body: { ok: false, error: 'billing_code_expired' } });
		await expectUntouched(hold);
	});

	it('flags money taken in time for a hold that expired before the news came, and tells the person', async () => {
		const hold = await heldBooking({ holdMinutes: 0.02 });
		const paidAt = new Date(hold.expiresAt.getTime() - 500);
		await waitFor(async () => Date.now() > hold.expiresAt.getTime() + 50, 5_000);
		const [attempt] = await (
			await db()
		)
			.select({ attemptId: bookings.attemptId })
			.from(bookings)
			.where(eq(bookings.id, hold.bookingId));
		// The expiry job may have ended it already; either way it is expired now.
		await expireAttemptHolds(await db(), [attempt!.attemptId]);
		expect(await bookingStatus(hold.bookingId)).toBe('expired');

		const body = notificationBody({ billingCode: hold.billingCode, amount: hold.amount, paidAt });
		const answer = await deliver(body);
		expect(answer).toEqual({ status: 200, body: { ok: true, result: 'flagged' } });
		expect(await deliver(body)).toEqual({ status: 200, body: { ok: true, result: 'duplicate' } });

		expect(await bookingStatus(hold.bookingId)).toBe('expired');
		expect(await applicationStatus(hold.applicationId)).toBe('submitted');
		expect(await receiptsOf(hold.applicationId)).toBe(0);
		const flags = await (
			await db()
		)
			.select()
			.from(paymentFlags)
			.where(eq(paymentFlags.applicationId, hold.applicationId));
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({
			reason: 'hold_expired',
			amount: hold.amount,
			officeId: hold.officeId,
			settledAt: null
		});
		const told = await (await hold.person.browser.caller()).payment.lateFlags();
		expect(told).toEqual([
			expect.objectContaining({ billingCode: hold.billingCode, amount: hold.amount })
		]);

		// The office sees it and settles it; staff of another office cannot.
		const officeFlags = await hold.staff.payment.officeLateFlags();
		expect(officeFlags).toEqual([
			expect.objectContaining({ billingCode: hold.billingCode, applicantName: 'Budi Santoso' })
		]);
		const elsewhere = await staffOf((await freshOffice()).id);
		await expect(
			elsewhere.payment.settleLateFlag({ flagId: officeFlags[0]!.id })
		).rejects.toMatchObject({ message: 'payment_flag_not_found' });
		await hold.staff.payment.settleLateFlag({ flagId: officeFlags[0]!.id });
		expect(await hold.staff.payment.officeLateFlags()).toEqual([]);
		expect(await (await hold.person.browser.caller()).payment.lateFlags()).toEqual([]);
	});
});

describe('the sandbox bank', () => {
	let server: Server;
	let webhookUrl: string;

	// A stand-in for the app's route: the raw bytes and headers go to the same handler.
	beforeAll(async () => {
		server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', async () => {
				const headers = new Headers();
				for (const [name, value] of Object.entries(request.headers)) {
					if (typeof value === 'string') headers.set(name, value);
				}
				try {
					const answer = await handlePaymentWebhook(await db(), {
						rawBody: Buffer.concat(chunks).toString('utf8'),
						headers
					});
					response.writeHead(answer.status, { 'content-type': 'application/json' });
					response.end(JSON.stringify(answer.body));
				} catch {
					response.writeHead(500).end('{}');
				}
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payments/webhook`;
	});

	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('pays a billing code over signed HTTP, and a bank with the wrong key is refused', async () => {
		const hold = await heldBooking();
		const impostor = await payAsBank({
			webhookUrl,
			secret: 'not-the-shared-secret-of-the-provider',
			billingCode: hold.billingCode,
			amount: hold.amount
		});
		expect(impostor.status).toBe(401);
		await expectUntouched(hold);
		const paid = await payAsBank({
			webhookUrl,
			secret: config().paymentWebhookSecret,
			billingCode: hold.billingCode,
			amount: hold.amount
		});
		expect(paid).toEqual({ status: 200, body: { ok: true, result: 'paid' } });
		expect(await bookingStatus(hold.bookingId)).toBe('paid');
	});
});

describe('receipts and letters', () => {
	it('a new confirmed booking of the application revokes the old receipt at the server', async () => {
		const hold = await heldBooking();
		await deliver(notificationBody({ billingCode: hold.billingCode, amount: hold.amount }));
		const database = await db();
		const [old] = await database
			.select()
			.from(receipts)
			.where(eq(receipts.applicationId, hold.applicationId));

		// What a reschedule does (another helper's code): the paid seat moves to a new booking.
		const [current] = await database.select().from(bookings).where(eq(bookings.id, hold.bookingId));
		const newBookingId = randomUUID();
		await database.transaction(async (tx) => {
			await tx.update(bookings).set({ status: 'cancelled' }).where(eq(bookings.id, hold.bookingId));
			await tx.insert(bookings).values({ ...current!, id: newBookingId, status: 'paid' });
		});
		await bookingConfirmed(database, newBookingId);
		await bookingConfirmed(database, newBookingId);

		const live = await database
			.select()
			.from(receipts)
			.where(and(eq(receipts.applicationId, hold.applicationId), isNull(receipts.revokedAt)));
		expect(live).toHaveLength(1);
		expect(live[0]!.bookingId).toBe(newBookingId);
		expect(await receiptsOf(hold.applicationId)).toBe(2);

		// Offline, the old QR's signature is still good; the server says it was replaced.
		expect((await verifyReceipt(old!.token, await publishedJwks(database))).valid).toBe(true);
		const staff = hold.staff;
		expect(await staff.payment.checkReceipt({ token: old!.token })).toEqual({
			valid: false,
			reason: 'revoked'
		});
		expect(await staff.payment.checkReceipt({ token: live[0]!.token })).toMatchObject({
			valid: true,
			thisOffice: true
		});
		// The old booking's letter is gone with its receipt; the new one gets its own.
		const pdf = await letterPdf(newBookingId, hold.person.id);
		expect(pdf.byteLength).toBeGreaterThan(1_000);
		const oldLetter = await letterFor(
			database,
			{ id: hold.person.id, role: 'applicant', officeId: null },
			hold.bookingId
		);
		expect(oldLetter.kind).toBe('not_found');
	});

	it('a real reschedule replaces the receipt; a cancel ends it, at the server and on the device', async () => {
		const hold = await heldBooking({ slotCount: 2 });
		await deliver(notificationBody({ billingCode: hold.billingCode, amount: hold.amount }));
		const caller = await hold.person.browser.caller();
		const [before] = (await caller.payment.receipts()).receipts;
		const moved = await caller.reschedule.move({
			bookingId: hold.bookingId,
			newSlotId: hold.otherSlotIds[0]!
		});
		const after = (await caller.payment.receipts()).receipts;
		expect(after).toHaveLength(1);
		expect(after[0]).toMatchObject({ bookingId: moved.bookingId, startTime: '07:10' });
		expect(await hold.staff.payment.checkReceipt({ token: before!.token })).toEqual({
			valid: false,
			reason: 'revoked'
		});
		expect(await hold.staff.payment.checkReceipt({ token: after[0]!.token })).toMatchObject({
			valid: true,
			claims: { sl: '07:10-07:20' }
		});

		await caller.reschedule.cancel({ bookingId: moved.bookingId });
		expect((await caller.payment.receipts()).receipts).toEqual([]);
		expect(await hold.staff.payment.checkReceipt({ token: after[0]!.token })).toEqual({
			valid: false,
			reason: 'ended'
		});
	});

	it('keeps verifying receipts signed before a key rotation', async () => {
		const before = await heldBooking();
		await deliver(notificationBody({ billingCode: before.billingCode, amount: before.amount }));
		const rotatedTo = await rotateReceiptKey(await db());
		const after = await heldBooking();
		await deliver(notificationBody({ billingCode: after.billingCode, amount: after.amount }));
		const jwks = await publishedJwks(await db());
		const tokenOf = async (applicationId: string) =>
			(
				await (
					await db()
				)
					.select({ token: receipts.token, kid: receipts.kid })
					.from(receipts)
					.where(eq(receipts.applicationId, applicationId))
			)[0]!;
		const oldReceipt = await tokenOf(before.applicationId);
		const newReceipt = await tokenOf(after.applicationId);
		expect(oldReceipt.kid).not.toBe(rotatedTo);
		expect(newReceipt.kid).toBe(rotatedTo);
		expect((await verifyReceipt(oldReceipt.token, jwks)).valid).toBe(true);
		expect((await verifyReceipt(newReceipt.token, jwks)).valid).toBe(true);
	});

	it('keep signing keys sealed in the database; a key stored in the clear gets sealed', async () => {
		const database = await db();
		const kid = await rotateReceiptKey(database);
		const stored = async () =>
			(await database.select().from(receiptKeys).where(eq(receiptKeys.kid, kid)))[0]!.privateJwk;
		const sealed = await stored();
		expect(JSON.stringify(sealed)).not.toMatch(/"d"/);
		await expect(openPrivateJwk(sealed, kid, 'another-secret-of-32-characters-!!')).rejects.toThrow(
			/RECEIPT_KEY_SECRET/
		);
		await expect(openPrivateJwk(sealed, 'other-kid', config().receiptKeySecret)).rejects.toThrow();

		// As an older version left it: the private key in the clear.
		const plain = await openPrivateJwk(sealed, kid, config().receiptKeySecret);
		expect(plain.d).toBeTruthy();
		await database.update(receiptKeys).set({ privateJwk: plain }).where(eq(receiptKeys.kid, kid));
		expect((await signingKey(database)).kid).toBe(kid);
		expect(await sealStoredKeys(database)).toBeGreaterThanOrEqual(1);
		expect(JSON.stringify(await stored())).not.toMatch(/"d"/);
		const hold = await heldBooking();
		await deliver(notificationBody({ billingCode: hold.billingCode, amount: hold.amount }));
		const [receipt] = await database
			.select({ token: receipts.token, kid: receipts.kid })
			.from(receipts)
			.where(eq(receipts.applicationId, hold.applicationId));
		expect(receipt!.kid).toBe(kid);
		expect((await verifyReceipt(receipt!.token, await publishedJwks(database))).valid).toBe(true);
	});

	it('serve the letter to its applicant and staff of its office only', async () => {
		const hold = await heldBooking();
		await deliver(notificationBody({ billingCode: hold.billingCode, amount: hold.amount }));
		await letterPdf(hold.bookingId, hold.person.id);
		const database = await db();
		const staffUser = async (officeId: string) => {
			const caller = await staffOf(officeId);
			const me = await caller.auth.me();
			return { id: me!.id, role: 'staff' as const, officeId };
		};
		const own = await staffUser(hold.officeId);
		expect((await letterFor(database, own, hold.bookingId)).kind).toBe('pdf');
		const otherOffice = await freshOffice();
		const stranger = await staffUser(otherOffice.id);
		expect((await letterFor(database, stranger, hold.bookingId)).kind).toBe('not_found');
		const otherPerson = await heldBooking();
		expect(
			(
				await letterFor(
					database,
					{ id: otherPerson.person.id, role: 'applicant', officeId: null },
					hold.bookingId
				)
			).kind
		).toBe('not_found');
		expect(
			await countRows(
				sql`select count(*)::int as n from letters where booking_id = ${hold.bookingId}`
			)
		).toBe(1);
	});
});
