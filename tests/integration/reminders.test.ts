import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { officeInstant } from '../../src/lib/domain/office-time';
import { db } from '../../src/lib/server/db';
import { bookings, notifications, slots, users } from '../../src/lib/server/db/schema';
import { sendReminder } from '../../src/lib/server/notify/reminders';
import { queueOptions } from '../../src/lib/server/queues/connection';
import { MAIL_QUEUE } from '../../src/lib/server/queues/mail';
import {
	NOTIFY_QUEUE,
	reminderJobId,
	scheduleBookingReminders
} from '../../src/lib/server/queues/notify';
import {
	dateInDays,
	freshOffice,
	quickAccount,
	releaseWithSlots,
	submittedApplication,
	waitFor
} from './booking-fixtures';
import { mailsTo } from './harness';
import { paidBooking } from './reschedule-fixtures';

process.env.WAITING_ROOM_TICK_MS = '50';
process.env.ADMISSION_RATE_PER_SEC = '50';

const MINUTE = 60_000;
const queue = new Queue(NOTIFY_QUEUE, queueOptions());

afterAll(async () => {
	await queue.close();
});

async function officeWithTwoSlots(timeZone = 'Asia/Makassar') {
	const office = await freshOffice(timeZone);
	const date = dateInDays(3, timeZone);
	const { release } = await releaseWithSlots({
		officeId: office.id,
		slotCount: 2,
		capacity: 2,
		opensAt: new Date(Date.now() - 1_000),
		date
	});
	const rows = await (
		await db()
	)
		.select()
		.from(slots)
		.where(eq(slots.releaseId, release.id))
		.orderBy(slots.startTime);
	return { office, date, slots: rows };
}

async function bookedApplicant(slotId: string, status: 'held' | 'paid' = 'paid') {
	const person = await quickAccount();
	const application = await submittedApplication(person.id);
	const bookingId = await paidBooking({
		accountId: person.id,
		applicationId: application.id,
		slotId
	});
	if (status === 'held')
		await (
			await db()
		)
			.update(bookings)
			.set({ status: 'held', expiresAt: new Date(Date.now() + 120 * MINUTE) })
			.where(eq(bookings.id, bookingId));
	const [user] = await (await db()).select().from(users).where(eq(users.id, person.id));
	return { person, bookingId, email: user!.email, caller: await person.browser.caller() };
}

async function pendingReminder(kind: 'payment_deadline' | 'appointment_tomorrow', id: string) {
	const job = await queue.getJob(reminderJobId(kind, id));
	if (!job) return null;
	const state = await job.getState();
	return state === 'delayed' || state === 'waiting'
		? { firesAt: job.timestamp + (job.delay ?? 0) }
		: null;
}

describe('booking reminders', () => {
	it('are scheduled when a booking is made in the waiting room', async () => {
		const { slots: free } = await officeWithTwoSlots();
		const person = await quickAccount();
		const application = await submittedApplication(person.id);
		const caller = await person.browser.caller();
		const releaseId = free[0]!.releaseId;
		await caller.waitingRoom.join({ releaseId, applicationIds: [application.id] });
		const view = await waitFor(async () => {
			const status = await caller.waitingRoom.status({ releaseId });
			return status.place === 'admitted' ? status : null;
		});
		const attemptId = randomUUID();
		const held = await caller.booking.attempt({
			attemptId,
			token: view.admission!.token,
			slotId: free[0]!.id,
			applicationIds: [application.id]
		});
		expect(held.state).toBe('booked');
		const [booking] = await (
			await db()
		)
			.select()
			.from(bookings)
			.where(eq(bookings.attemptId, attemptId));
		// Reminders are queued after the decision is announced, so the answer is not held up.
		await waitFor(
			() => pendingReminder('payment_deadline', booking!.id),
			15_000,
			'payment reminder'
		);
		await waitFor(
			() => pendingReminder('appointment_tomorrow', booking!.id),
			15_000,
			'appointment reminder'
		);
	});

	it('are scheduled for a new hold: 30 minutes before the payment deadline and 09:00 the day before', async () => {
		const { office, date, slots: free } = await officeWithTwoSlots();
		const held = await bookedApplicant(free[0]!.id, 'held');
		const [booking] = await (
			await db()
		)
			.select()
			.from(bookings)
			.where(eq(bookings.id, held.bookingId));

		await scheduleBookingReminders(held.bookingId);
		await scheduleBookingReminders(held.bookingId);

		const payment = await pendingReminder('payment_deadline', held.bookingId);
		expect(Math.abs(payment!.firesAt - (booking!.expiresAt.getTime() - 30 * MINUTE))).toBeLessThan(
			MINUTE
		);
		const dayBefore = new Date(`${date}T00:00:00Z`);
		dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
		const expected = officeInstant(dayBefore.toISOString().slice(0, 10), '09:00', office.timeZone);
		const appointment = await pendingReminder('appointment_tomorrow', held.bookingId);
		expect(Math.abs(appointment!.firesAt - expected.getTime())).toBeLessThan(MINUTE);
		const counts = await queue.getJobCounts('delayed');
		expect(counts.delayed).toBeGreaterThanOrEqual(2);
	});

	it('move to the new booking on reschedule', async () => {
		const { slots: free } = await officeWithTwoSlots();
		const person = await bookedApplicant(free[0]!.id);
		await scheduleBookingReminders(person.bookingId);
		expect(await pendingReminder('appointment_tomorrow', person.bookingId)).not.toBeNull();

		const moved = await person.caller.reschedule.move({
			bookingId: person.bookingId,
			newSlotId: free[1]!.id
		});

		expect(await pendingReminder('appointment_tomorrow', person.bookingId)).toBeNull();
		expect(await pendingReminder('appointment_tomorrow', moved.bookingId)).not.toBeNull();
		// A paid booking has no payment reminder.
		expect(await pendingReminder('payment_deadline', moved.bookingId)).toBeNull();
	});

	it('are dropped on cancel, and a stray job for a cancelled booking says nothing', async () => {
		const { slots: free } = await officeWithTwoSlots();
		const person = await bookedApplicant(free[0]!.id, 'held');
		await scheduleBookingReminders(person.bookingId);
		expect(await pendingReminder('payment_deadline', person.bookingId)).not.toBeNull();

		await person.caller.reschedule.cancel({ bookingId: person.bookingId });

		expect(await pendingReminder('payment_deadline', person.bookingId)).toBeNull();
		expect(await pendingReminder('appointment_tomorrow', person.bookingId)).toBeNull();
		expect(await sendReminder(await db(), 'payment_deadline', person.bookingId)).toEqual({
			queued: false
		});
		expect(await sendReminder(await db(), 'appointment_tomorrow', person.bookingId)).toEqual({
			queued: false
		});
	});

	it('send each reminder once, however often its job runs', async () => {
		const { office, slots: free } = await officeWithTwoSlots();
		const held = await bookedApplicant(free[0]!.id, 'held');
		const database = await db();
		const runs = await Promise.all([
			sendReminder(database, 'payment_deadline', held.bookingId),
			sendReminder(database, 'payment_deadline', held.bookingId)
		]);
		// Both racing runs may queue the mail; it is the same mail job, so it goes once.
		expect(runs.some((run) => run.queued)).toBe(true);
		const [mail] = await waitFor(
			async () => {
				const found = await mailsTo(held.email);
				return found.length > 0 && found;
			},
			15_000,
			'payment reminder mail'
		);
		expect(mail!.subject).toContain('Batas bayar sebentar lagi');
		expect(mail!.text).toContain(office.name);
		expect(mail!.text).toContain(`/booking/manage/${held.bookingId}`);
		expect(await sendReminder(database, 'payment_deadline', held.bookingId)).toEqual({
			queued: false
		});
		const rows = await database
			.select()
			.from(notifications)
			.where(eq(notifications.userId, held.person.id));
		expect(rows.map((row) => row.kind)).toEqual(['payment_deadline']);
		const mailQueue = new Queue(MAIL_QUEUE, queueOptions());
		const mailJob = await mailQueue.getJob(`notice-${rows[0]!.id}`);
		await waitFor(async () => (await mailJob?.getState()) === 'completed', 15_000, 'mail job');
		await mailQueue.close();
		expect(await mailsTo(held.email)).toHaveLength(1);
		// A paid booking gets no payment reminder.
		const paid = await bookedApplicant(free[1]!.id);
		expect(await sendReminder(database, 'payment_deadline', paid.bookingId)).toEqual({
			queued: false
		});
	});
});
