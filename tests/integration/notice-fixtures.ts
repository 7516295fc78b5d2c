/** People with paid bookings at a fresh office, and what was told to them, for notice tests. */
import { eq } from 'drizzle-orm';
import { db } from '../../src/lib/server/db';
import { bookingChanges, notifications, slots, users } from '../../src/lib/server/db/schema';
import {
	dateInDays,
	freshOffice,
	quickAccount,
	releaseWithSlots,
	submittedApplication
} from './booking-fixtures';
import { paidBooking } from './reschedule-fixtures';

export async function officeWithSlots(slotCount: number) {
	const office = await freshOffice('Asia/Makassar');
	const { release, staff } = await releaseWithSlots({
		officeId: office.id,
		slotCount,
		capacity: 2,
		opensAt: new Date(Date.now() - 1_000),
		date: dateInDays(3, office.timeZone)
	});
	const slotRows = await (
		await db()
	)
		.select()
		.from(slots)
		.where(eq(slots.releaseId, release.id))
		.orderBy(slots.startTime);
	return { office, release, staff, slots: slotRows };
}

export async function paidApplicant(slotId: string) {
	const person = await quickAccount();
	const application = await submittedApplication(person.id);
	const bookingId = await paidBooking({
		accountId: person.id,
		applicationId: application.id,
		slotId
	});
	const [user] = await (await db()).select().from(users).where(eq(users.id, person.id));
	return { ...person, email: user!.email, bookingId, caller: await person.browser.caller() };
}

export async function noticesOf(userId: string) {
	return (await db()).select().from(notifications).where(eq(notifications.userId, userId));
}

export async function changeOf(bookingId: string) {
	const [change] = await (
		await db()
	)
		.select()
		.from(bookingChanges)
		.where(eq(bookingChanges.bookingId, bookingId));
	return change!;
}
