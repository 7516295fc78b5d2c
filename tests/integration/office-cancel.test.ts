import { Queue } from 'bullmq';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookingConfirmed } from '../../src/lib/server/booking/confirmed';
import { pinClock } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db';
import { applications, bookings, receipts } from '../../src/lib/server/db/schema';
import { sendOfficeChangeNotice } from '../../src/lib/server/notify/office-changes';
import { savePushSubscription } from '../../src/lib/server/notify/push-subscriptions';
import { queueOptions } from '../../src/lib/server/queues/connection';
import {
	NOTIFY_QUEUE,
	reminderJobId,
	scheduleBookingReminders
} from '../../src/lib/server/queues/notify';
import { applicationStatus, staffOf, waitFor } from './booking-fixtures';
import { mailsTo } from './harness';
import { changeOf, noticesOf, officeWithSlots, paidApplicant } from './notice-fixtures';
import { PushServiceStandIn } from './push-service';
import { expectInvalid, expectRefusal } from './refusal';
import { bookingRow, seatsTaken } from './reschedule-fixtures';

const service = new PushServiceStandIn();
beforeAll(() => service.start());
afterAll(() => service.stop());
afterEach(() => pinClock(null));

const REASON = 'Kantor tutup karena banjir';

/** A paid applicant with a receipt, pending reminders and a device subscribed to push. */
async function bookedApplicant() {
	const setup = await officeWithSlots(2);
	const person = await paidApplicant(setup.slots[0]!.id);
	await bookingConfirmed(await db(), person.bookingId);
	await scheduleBookingReminders(person.bookingId);
	const device = service.newDevice();
	await savePushSubscription(await db(), person.id, { ...device, userAgent: null });
	return { ...setup, person, device };
}

async function liveReceipts(bookingId: string) {
	return (await db())
		.select()
		.from(receipts)
		.where(and(eq(receipts.bookingId, bookingId), isNull(receipts.revokedAt)));
}

async function pendingReminders(bookingId: string) {
	const queue = new Queue(NOTIFY_QUEUE, queueOptions());
	try {
		const jobs = await Promise.all(
			(['payment_deadline', 'appointment_tomorrow'] as const).map((kind) =>
				queue.getJob(reminderJobId(kind, bookingId))
			)
		);
		return jobs.filter(Boolean);
	} finally {
		await queue.close();
	}
}

describe('cancellation by the office', () => {
	it('is for staff of the booking’s own office only, with a reason, before its time', async () => {
		const setup = await bookedApplicant();
		const otherOffice = await officeWithSlots(1);
		await expectRefusal(
			otherOffice.staff.inbox.cancel({ bookingId: setup.person.bookingId, reason: REASON }),
			'NOT_FOUND',
			'booking_not_found'
		);
		await expectRefusal(
			setup.person.caller.inbox.cancel({ bookingId: setup.person.bookingId, reason: REASON }),
			'FORBIDDEN'
		);
		const invalid = await expectInvalid(
			setup.staff.inbox.cancel({ bookingId: setup.person.bookingId, reason: ' ' })
		);
		expect(invalid.reason).toEqual(['inbox_reason_required']);
		pinClock(new Date(setup.slots[0]!.startsAt.getTime() + 60_000));
		await expectRefusal(
			setup.staff.inbox.cancel({ bookingId: setup.person.bookingId, reason: REASON }),
			'CONFLICT',
			'inbox_cancel_too_late'
		);
		pinClock(null);
		expect((await bookingRow(setup.person.bookingId))!.status).toBe('paid');
		expect(await seatsTaken(setup.slots[0]!.id)).toBe(1);
	});

	it('returns the seat, revokes the receipt, drops reminders and keeps the fee', async () => {
		const setup = await bookedApplicant();
		const { bookingId } = setup.person;
		expect(await liveReceipts(bookingId)).toHaveLength(1);
		expect(await pendingReminders(bookingId)).toHaveLength(1);

		await setup.staff.inbox.cancel({ bookingId, reason: REASON });

		expect((await bookingRow(bookingId))!.status).toBe('cancelled');
		expect(await seatsTaken(setup.slots[0]!.id)).toBe(0);
		expect(await liveReceipts(bookingId)).toEqual([]);
		expect(await pendingReminders(bookingId)).toEqual([]);
		const [booking] = await (await db()).select().from(bookings).where(eq(bookings.id, bookingId));
		expect(await applicationStatus(booking!.applicationId)).toBe('paid');
		await expectRefusal(
			setup.staff.inbox.cancel({ bookingId, reason: REASON }),
			'CONFLICT',
			'inbox_cancel_not_live'
		);

		// The inbox shows it waiting; a special reschedule gives a new appointment, no new fee.
		const day = await setup.staff.inbox.day({ date: setup.slots[0]!.date });
		expect(day.entries.find((entry) => entry.id === bookingId)).toMatchObject({
			status: 'cancelled',
			cancelAllowed: false
		});
		const moved = await setup.staff.inbox.specialReschedule({
			bookingId,
			newSlotId: setup.slots[1]!.id,
			category: 'force_majeure',
			reason: 'Jadwal pengganti setelah banjir'
		});
		expect((await bookingRow(moved.bookingId))!.status).toBe('paid');
		expect(await seatsTaken(setup.slots[1]!.id)).toBe(1);
		expect(await seatsTaken(setup.slots[0]!.id)).toBe(0);
		expect(await liveReceipts(moved.bookingId)).toHaveLength(1);
	});

	it('tells the person once on every channel: email, in the app and push', async () => {
		const setup = await bookedApplicant();
		const { bookingId } = setup.person;
		await setup.staff.inbox.cancel({ bookingId, reason: REASON });

		await waitFor(
			async () =>
				(await mailsTo(setup.person.email)).length === 1 && service.to(setup.device).length === 1,
			15_000,
			'the mail and the push'
		);
		const [mail] = await mailsTo(setup.person.email);
		expect(mail!.subject).toBe(`Jadwal Anda di ${setup.office.name} dibatalkan oleh kantor`);
		expect(mail!.text).toContain(`Alasan: ${REASON}`);
		expect(mail!.text).toContain('Biaya PNBP yang sudah Anda bayar tetap berlaku');
		expect(mail!.text).toContain(`/booking/manage/${bookingId}`);

		const change = await changeOf(bookingId);
		expect(change).toMatchObject({ kind: 'cancel', actorRole: 'staff', reason: REASON });
		expect(await noticesOf(setup.person.id)).toMatchObject([
			{ kind: 'office_cancel', params: { paid: 'yes', reason: REASON } }
		]);
		const push = JSON.parse(setup.device.decrypt(service.to(setup.device)[0]!.body));
		expect(push.title).toBe(`${setup.office.name} membatalkan jadwal Anda`);
		expect(push.body).toContain('Biaya PNBP tetap berlaku');

		// A retry and a second worker at once: nothing more on any channel.
		const database = await db();
		await Promise.all([
			sendOfficeChangeNotice(database, change.id),
			sendOfficeChangeNotice(database, change.id)
		]);
		expect(await mailsTo(setup.person.email)).toHaveLength(1);
		expect(await noticesOf(setup.person.id)).toHaveLength(1);
		expect(service.to(setup.device)).toHaveLength(1);
		expect((await setup.person.caller.notify.notices()).map((n) => n.kind)).toEqual([
			'office_cancel'
		]);
	});

	it('frees an unpaid hold and says nothing was paid, leading to booking again', async () => {
		const setup = await officeWithSlots(1);
		const person = await paidApplicant(setup.slots[0]!.id);
		// As the booking flow leaves a hold: booking held, application booked.
		const database = await db();
		const [booking] = await database
			.update(bookings)
			.set({ status: 'held' })
			.where(eq(bookings.id, person.bookingId))
			.returning();
		await database
			.update(applications)
			.set({ status: 'booked' })
			.where(eq(applications.id, booking!.applicationId));

		await (
			await staffOf(setup.office.id)
		).inbox.cancel({ bookingId: person.bookingId, reason: REASON });
		expect(await seatsTaken(setup.slots[0]!.id)).toBe(0);
		expect(await applicationStatus(booking!.applicationId)).toBe('submitted');
		await waitFor(async () => (await mailsTo(person.email)).length === 1, 15_000, 'the mail');
		const [mail] = await mailsTo(person.email);
		expect(mail!.text).toContain('belum dibayar');
		expect(mail!.text).not.toContain('tetap berlaku');
		expect(await noticesOf(person.id)).toMatchObject([
			{ kind: 'office_cancel', link: '/booking', params: { paid: 'no' } }
		]);
	});
});
