import { Queue, Worker } from 'bullmq';
import {
	appointmentReminderDelay,
	openingNoticeDelay,
	paymentReminderDelay,
	type QuotaNoticeKind,
	type ReminderKind
} from '../../domain/notices';
import { config } from '../config';
import { db } from '../db';
import { logger } from '../logger';
import { sendQuotaNotices } from '../notify/quota-notices';
import { reminderSubject, sendReminder } from '../notify/reminders';
import { newRedisConnection } from '../redis';
import { queueOptions } from './connection';

export const NOTIFY_QUEUE = 'notify';

export type QuotaNoticeJob =
	{ kind: QuotaNoticeKind; releaseId: string } | { kind: ReminderKind; bookingId: string };

let queue: Queue<QuotaNoticeJob> | undefined;

function notifyQueue(): Queue<QuotaNoticeJob> {
	queue ??= new Queue<QuotaNoticeJob>(NOTIFY_QUEUE, {
		...queueOptions(),
		defaultJobOptions: {
			attempts: 8,
			backoff: { type: 'exponential', delay: 2_000 },
			removeOnComplete: 1_000,
			removeOnFail: 5_000
		}
	});
	return queue;
}

/**
 * Queues both notices of a new release: "scheduled" now, "opening soon" shortly before it
 * opens. Job ids are derived from the release (and its opening instant), so scheduling the
 * same release twice queues each notice once; the notice rows guard what slips past.
 */
export async function scheduleQuotaNotices(
	release: { id: string; opensAt: Date },
	now = new Date()
): Promise<void> {
	const notices = notifyQueue();
	await notices.add(
		'quota_scheduled',
		{ kind: 'quota_scheduled', releaseId: release.id },
		{ jobId: `quota_scheduled-${release.id}` }
	);
	const delay = openingNoticeDelay(release.opensAt, config().NOTIFY_OPENING_LEAD_MINUTES, now);
	if (delay === null) return;
	await notices.add(
		'quota_opening',
		{ kind: 'quota_opening', releaseId: release.id },
		{ jobId: `quota_opening-${release.id}-${release.opensAt.getTime()}`, delay }
	);
}

/** Reminder jobs are named after their booking alone, so the booking can drop them. */
export function reminderJobId(kind: ReminderKind, bookingId: string): string {
	return `${kind}-${bookingId}`;
}

/**
 * Schedules a booking's reminders: the payment deadline (while it is a hold) and the day
 * before the appointment. Called on booking and for the new booking of a reschedule; calling
 * it twice queues each reminder once.
 */
export async function scheduleBookingReminders(bookingId: string, now = new Date()) {
	const booking = await reminderSubject(await db(), bookingId);
	if (!booking) return;
	const notices = notifyQueue();
	const payment = booking.status === 'held' ? paymentReminderDelay(booking.expiresAt, now) : null;
	if (payment !== null)
		await notices.add(
			'payment_deadline',
			{ kind: 'payment_deadline', bookingId },
			{ jobId: reminderJobId('payment_deadline', bookingId), delay: payment }
		);
	const appointment = appointmentReminderDelay(
		booking.date,
		booking.startsAt,
		booking.timeZone,
		now
	);
	if (appointment !== null)
		await notices.add(
			'appointment_tomorrow',
			{ kind: 'appointment_tomorrow', bookingId },
			{ jobId: reminderJobId('appointment_tomorrow', bookingId), delay: appointment }
		);
}

/** Removes a booking's pending reminders (cancelled, or replaced by a reschedule). */
export async function dropBookingReminders(bookingId: string): Promise<void> {
	const notices = notifyQueue();
	for (const kind of ['payment_deadline', 'appointment_tomorrow'] as const) {
		const job = await notices.getJob(reminderJobId(kind, bookingId));
		// A job already running finishes; the reminder re-checks the booking and says nothing.
		const state = await job?.getState();
		if (job && (state === 'delayed' || state === 'waiting')) await job.remove();
	}
}

export function startNotifyWorker(): Worker<QuotaNoticeJob> {
	const connection = newRedisConnection();
	const worker = new Worker<QuotaNoticeJob>(
		NOTIFY_QUEUE,
		async (job) => {
			const data = job.data;
			if ('releaseId' in data) return sendQuotaNotices(await db(), data.kind, data.releaseId);
			return sendReminder(await db(), data.kind, data.bookingId);
		},
		{ ...queueOptions(), connection, concurrency: 2 }
	);
	worker.on('closed', () => void connection.quit().catch(() => connection.disconnect()));
	worker.on('failed', (job, error) =>
		logger().warn({ jobId: job?.id, err: error.message }, 'notice job failed')
	);
	return worker;
}

export async function closeNotifyQueue(): Promise<void> {
	await queue?.close();
	queue = undefined;
}
