import { eq } from 'drizzle-orm';
import { generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyReceipt } from '../../src/lib/receipts/verify';
import { db } from '../../src/lib/server/db';
import { bookings } from '../../src/lib/server/db/schema';
import { issueReceipt } from '../../src/lib/server/receipts/issue';
import { publishedJwks } from '../../src/lib/server/receipts/keys';
import { signReceipt } from '../../src/lib/server/receipts/sign';
import { applicationStatus, dateInDays, freshOffice, staffOf } from './booking-fixtures';
import { bookingAt } from './office-floor-fixtures';
import { deliver, heldBooking, notificationBody } from './payment-fixtures';
import { expectInvalid, expectRefusal } from './refusal';

type Office = Awaited<ReturnType<typeof freshOffice>>;

/** A paid booking on `date` with the receipt the server signs for it. */
async function receiptAt(office: Office, date: string) {
	const booked = await bookingAt(office, date);
	const receipt = await issueReceipt(await db(), booked.booking.id);
	return { ...booked, token: receipt!.token };
}

/** The same token with one claim changed and the original signature kept. */
function tampered(token: string, change: Record<string, unknown>): string {
	const [header, payload, signature] = token.split('.');
	const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
	const changed = Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url');
	return [header, changed, signature].join('.');
}

describe('check-in by a signed receipt QR', () => {
	it('checks a good receipt of today in with the next A number, once', async () => {
		const office = await freshOffice('Asia/Makassar');
		const staff = await staffOf(office.id);
		const today = dateInDays(0, office.timeZone);
		const good = await receiptAt(office, today);
		const checkedIn = await staff.floor.checkInReceipt({ token: good.token });
		expect(checkedIn.ticket.label).toBe('A-001');
		expect(checkedIn.summary).toMatchObject({ applicationNumber: good.number, slotDate: today });
		expect(await applicationStatus(good.applicationId)).toBe('checked_in');

		const again = await expectRefusal(
			staff.floor.checkInReceipt({ token: good.token }),
			'CONFLICT',
			'checkin_already'
		);
		expect((again as unknown as { details: unknown }).details).toEqual({ label: 'A-001' });
		// Typed or scanned, it is the same arrival.
		await expectRefusal(
			staff.floor.checkIn({ applicationNumber: good.number }),
			'CONFLICT',
			'checkin_already'
		);
	});

	it('refuses a forged, foreign-keyed or expired receipt before looking for its booking', async () => {
		const office = await freshOffice();
		const staff = await staffOf(office.id);
		const today = dateInDays(0, office.timeZone);
		const good = await receiptAt(office, today);

		await expectInvalid(staff.floor.checkInReceipt({ token: 'short' }));
		await expectRefusal(
			staff.floor.checkInReceipt({ token: 'not a receipt at all, just a long string' }),
			'BAD_REQUEST',
			'checkin_receipt_malformed'
		);
		await expectRefusal(
			staff.floor.checkInReceipt({ token: tampered(good.token, { nm: 'Orang Lain' }) }),
			'BAD_REQUEST',
			'checkin_receipt_forged'
		);

		// Well-formed claims, signed by a key the server never published.
		const verdict = await verifyReceipt(good.token, await publishedJwks(await db()));
		if (!verdict.valid) throw new Error('the fixture receipt should verify');
		const { privateKey } = await generateKeyPair('ES256');
		const foreign = await signReceipt(verdict.claims, { kid: 'asing-000000', privateKey });
		await expectRefusal(
			staff.floor.checkInReceipt({ token: foreign }),
			'BAD_REQUEST',
			'checkin_receipt_unknown_key'
		);

		// Yesterday's receipt expired at the office's midnight.
		const yesterday = await receiptAt(office, dateInDays(-1, office.timeZone));
		await expectRefusal(
			staff.floor.checkInReceipt({ token: yesterday.token }),
			'BAD_REQUEST',
			'checkin_receipt_expired'
		);

		// None of these checked anyone in; the good receipt still works.
		expect(await applicationStatus(good.applicationId)).toBe('paid');
		expect((await staff.floor.checkInReceipt({ token: good.token })).ticket.label).toBe('A-001');
	});

	it('refuses a receipt a reschedule replaced, and one whose booking was cancelled', async () => {
		const hold = await heldBooking({ slotCount: 2 });
		await deliver(notificationBody({ billingCode: hold.billingCode, amount: hold.amount }));
		const person = await hold.person.browser.caller();
		const [before] = (await person.payment.receipts()).receipts;
		await person.reschedule.move({ bookingId: hold.bookingId, newSlotId: hold.otherSlotIds[0]! });
		await expectRefusal(
			hold.staff.floor.checkInReceipt({ token: before!.token }),
			'CONFLICT',
			'checkin_receipt_superseded'
		);

		const office = await freshOffice();
		const staff = await staffOf(office.id);
		const ended = await receiptAt(office, dateInDays(0, office.timeZone));
		await (
			await db()
		)
			.update(bookings)
			.set({ status: 'cancelled' })
			.where(eq(bookings.id, ended.booking.id));
		await expectRefusal(
			staff.floor.checkInReceipt({ token: ended.token }),
			'CONFLICT',
			'checkin_cancelled'
		);
	});

	it("refuses another office's receipt and another day's, through the typed check-in's rules", async () => {
		const office = await freshOffice();
		const other = await freshOffice();
		const staff = await staffOf(office.id);
		const today = dateInDays(0, office.timeZone);

		const elsewhere = await receiptAt(other, today);
		await expectRefusal(
			staff.floor.checkInReceipt({ token: elsewhere.token }),
			'FORBIDDEN',
			'checkin_other_office'
		);
		const tomorrow = await receiptAt(office, dateInDays(1, office.timeZone));
		const refusal = await expectRefusal(
			staff.floor.checkInReceipt({ token: tomorrow.token }),
			'CONFLICT',
			'checkin_other_day'
		);
		expect((refusal as unknown as { details: unknown }).details).toEqual({
			date: dateInDays(1, office.timeZone)
		});
		// The other office's own staff take it.
		const theirs = await staffOf(other.id);
		expect((await theirs.floor.checkInReceipt({ token: elsewhere.token })).ticket.label).toBe(
			'A-001'
		);
	});
});
