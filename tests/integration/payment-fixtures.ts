/**
 * Holds made straight in the database (the booking flow has its own tests), and webhook calls
 * signed as a bank signs them.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { config } from '../../src/lib/server/config';
import { db } from '../../src/lib/server/db';
import { billingCodes, bookingAttempts, bookings, slots } from '../../src/lib/server/db/schema';
import { handlePaymentWebhook } from '../../src/lib/server/payments/webhook';
import { signedHeaders } from '../../src/lib/server/payments/signature';
import {
	freshOffice,
	quickAccount,
	releaseWithSlots,
	submittedApplication,
	type TestAccount
} from './booking-fixtures';

export interface Hold {
	person: TestAccount;
	applicationId: string;
	bookingId: string;
	officeId: string;
	releaseId: string;
	slotId: string;
	staff: Awaited<ReturnType<typeof releaseWithSlots>>['staff'];
	date: string;
	/** The release's other slots, to move to. */
	otherSlotIds: string[];
	billingCode: string;
	amount: number;
	expiresAt: Date;
}

/** One more person holding a seat of a slot until `expiresAt`, as the booking worker leaves it. */
export async function holdSeat(seat: {
	officeId: string;
	releaseId: string;
	slotId: string;
	expiresAt: Date;
}) {
	const database = await db();
	const person = await quickAccount();
	const application = await submittedApplication(person.id);
	const attemptId = randomUUID();
	await database.insert(bookingAttempts).values({
		id: attemptId,
		accountId: person.id,
		releaseId: seat.releaseId,
		slotId: seat.slotId,
		applicationIds: [application.id],
		tokenId: `test-${attemptId}`,
		outcome: 'booked',
		decidedBy: 'test'
	});
	const [booking] = await database
		.insert(bookings)
		.values({
			attemptId,
			applicationId: application.id,
			accountId: person.id,
			slotId: seat.slotId,
			releaseId: seat.releaseId,
			officeId: seat.officeId,
			expiresAt: seat.expiresAt
		})
		.returning({ id: bookings.id });
	await database.execute(sql`update slots set booked = booked + 1 where id = ${seat.slotId}`);
	await database.execute(
		sql`update applications set status = 'booked' where id = ${application.id}`
	);
	return { person, applicationId: application.id, bookingId: booking!.id };
}

/** A person holding one seat (elektronik, 10 years: Rp950.000), with its billing code. */
export async function heldBooking(
	options: { timeZone?: string; holdMinutes?: number; slotCount?: number } = {}
): Promise<Hold> {
	const database = await db();
	const office = await freshOffice(options.timeZone ?? 'Asia/Jakarta');
	const { release, staff, date } = await releaseWithSlots({
		officeId: office.id,
		slotCount: options.slotCount ?? 1,
		capacity: 3,
		opensAt: new Date(Date.now() - 60_000)
	});
	const [slot, ...otherSlots] = await database
		.select()
		.from(slots)
		.where(eq(slots.releaseId, release.id))
		.orderBy(slots.startTime);
	const expiresAt = new Date(Date.now() + (options.holdMinutes ?? 60) * 60_000);
	const { person, applicationId, bookingId } = await holdSeat({
		officeId: office.id,
		releaseId: release.id,
		slotId: slot!.id,
		expiresAt
	});
	const bills = await (await person.browser.caller()).payment.bills();
	const bill = bills.find((entry) => entry.bookingId === bookingId)!;
	return {
		person,
		applicationId,
		bookingId,
		officeId: office.id,
		releaseId: release.id,
		slotId: slot!.id,
		staff,
		date,
		otherSlotIds: otherSlots.map((other) => other.id),
		billingCode: bill.code,
		amount: bill.amount,
		expiresAt
	};
}

export interface Notification {
	eventId?: string;
	billingCode: string;
	amount: number;
	paidAt?: Date;
	channel?: string;
}

export function notificationBody(notification: Notification): string {
	return JSON.stringify({
		eventId: notification.eventId ?? `evt-${randomUUID()}`,
		billingCode: notification.billingCode,
		amount: notification.amount,
		paidAt: (notification.paidAt ?? new Date()).toISOString(),
		channel: notification.channel ?? 'atm'
	});
}

/** The webhook as the route calls it, with headers signed at `signedAt`. */
export async function deliver(
	rawBody: string,
	options: { signedAt?: Date; secret?: string; now?: Date; tamper?: (body: string) => string } = {}
) {
	const headers = new Headers(
		signedHeaders(options.secret ?? config().paymentWebhookSecret, rawBody, options.signedAt)
	);
	const body = options.tamper ? options.tamper(rawBody) : rawBody;
	return handlePaymentWebhook(await db(), { rawBody: body, headers }, { now: options.now });
}

export async function bookingStatus(bookingId: string) {
	const [row] = await (
		await db()
	)
		.select({ status: bookings.status })
		.from(bookings)
		.where(eq(bookings.id, bookingId));
	return row?.status;
}

export async function billPaidAt(code: string) {
	const [row] = await (
		await db()
	)
		.select({ paidAt: billingCodes.paidAt })
		.from(billingCodes)
		.where(eq(billingCodes.code, code));
	return row?.paidAt ?? null;
}

export async function pdfText(pdf: Uint8Array): Promise<string> {
	const document = await getDocumentProxy(new Uint8Array(pdf));
	const { text } = await extractText(document, { mergePages: true });
	// Lines wrap where the layout needs; what matters is the words in order.
	return text.replace(/\s+/g, ' ');
}
