/**
 * A paid booking for reschedule tests. Payment lives in other work, so the booking is written
 * straight to the database as the payment would leave it: an attempt row, a 'paid' booking,
 * the slot's seat taken and the application 'paid'.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { db } from '../../src/lib/server/db';
import { applications, bookingAttempts, bookings, slots } from '../../src/lib/server/db/schema';

export async function paidBooking(options: {
	accountId: string;
	applicationId: string;
	slotId: string;
}): Promise<string> {
	const database = await db();
	const [slot] = await database.select().from(slots).where(eq(slots.id, options.slotId));
	if (!slot) throw new Error('no such slot');
	const attemptId = randomUUID();
	await database.insert(bookingAttempts).values({
		id: attemptId,
		accountId: options.accountId,
		releaseId: slot.releaseId,
		slotId: slot.id,
		applicationIds: [options.applicationId],
		tokenId: `test:${attemptId}`,
		outcome: 'booked',
		decidedBy: 'test'
	});
	const taken = await database
		.update(slots)
		.set({ booked: sql`${slots.booked} + 1` })
		.where(eq(slots.id, slot.id))
		.returning({ id: slots.id });
	if (taken.length !== 1) throw new Error('slot full');
	const [booking] = await database
		.insert(bookings)
		.values({
			attemptId,
			applicationId: options.applicationId,
			accountId: options.accountId,
			slotId: slot.id,
			releaseId: slot.releaseId,
			officeId: slot.officeId,
			status: 'paid',
			expiresAt: new Date(Date.now() + 3_600_000)
		})
		.returning({ id: bookings.id });
	await database
		.update(applications)
		.set({ status: 'paid' })
		.where(eq(applications.id, options.applicationId));
	return booking!.id;
}

export async function bookingRow(id: string) {
	const [row] = await (await db()).select().from(bookings).where(eq(bookings.id, id));
	return row;
}

export async function seatsTaken(slotId: string): Promise<number> {
	const [row] = await (
		await db()
	)
		.select({ booked: slots.booked })
		.from(slots)
		.where(eq(slots.id, slotId));
	return row?.booked ?? -1;
}
