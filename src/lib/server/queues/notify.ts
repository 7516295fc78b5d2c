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
import { sendChoiceNotices, type ChoiceDecision } from '../notify/choice-notices';
import { sendOfficeChangeNotice } from '../notify/office-changes';
import { sendQuotaNotices } from '../notify/quota-notices';
import { reminderSubjects, sendReminder } from '../notify/reminders';
import { newRedisConnection } from '../redis';
import { queueOptions } from './connection';

export const NOTIFY_QUEUE = 'notify';

export type QuotaNoticeJob =
	| { kind: QuotaNoticeKind; releaseId: string }
	| { kind: ReminderKind; bookingId: string }
	| { kind: 'office_change'; changeId: string }
	| {
			kind: 'schedule_reminders';
			bookingIds: string[];
			/**
			 * Decisions of attempts made from standing choices, to tell their people at once.
			 * Optional: jobs queued before it existed (a rolling deploy) carry none.
			 */
			choiceDecisions?: ChoiceDecision[];
	  };

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
	await scheduleRemindersOfBookings([bookingId], now);
}

/** The reminders of many bookings (a batch of decisions) with one read and one round trip. */
export async function scheduleRemindersOfBookings(bookingIds: string[], now = new Date()) {
	const jobs: Parameters<Queue<QuotaNoticeJob>['addBulk']>[0] = [];
	for (const booking of await reminderSubjects(await db(), bookingIds)) {
		const bookingId = booking.id;
		const payment = booking.status === 'held' ? paymentReminderDelay(booking.expiresAt, now) : null;
		if (payment !== null)
			jobs.push({
				name: 'payment_deadline',
				data: { kind: 'payment_deadline', bookingId },
				opts: { jobId: reminderJobId('payment_deadline', bookingId), delay: payment }
			});
		const appointment = appointmentReminderDelay(
			booking.date,
			booking.startsAt,
			booking.timeZone,
			now
		);
		if (appointment !== null)
			jobs.push({
				name: 'appointment_tomorrow',
				data: { kind: 'appointment_tomorrow', bookingId },
				opts: { jobId: reminderJobId('appointment_tomorrow', bookingId), delay: appointment }
			});
	}
	if (jobs.length > 0) await notifyQueue().addBulk(jobs);
}

/**
 * Hands the scheduling of new bookings' reminders, and the notices of attempts made from
 * standing choices, to the notify worker: one job for a batch of decisions, so the booking
 * pipeline does not wait on their reads, rows, mails and pushes. Running the job twice queues
 * each reminder once and sends each notice once; a reminder re-checks its booking when sent.
 */
export async function queueDecisionFollowUps(
	bookingIds: string[],
	choiceDecisions: ChoiceDecision[] = []
): Promise<void> {
	if (bookingIds.length === 0 && choiceDecisions.length === 0) return;
	await notifyQueue().add('schedule_reminders', {
		kind: 'schedule_reminders',
		bookingIds,
		...(choiceDecisions.length > 0 ? { choiceDecisions } : {})
	});
}

/**
 * The follow-up job of a batch of decisions: the choice notices first, since a person who was
 * not watching has a hold to pay; the reminders are scheduled even when a notice failed, and
 * the failure then fails the job, whose retry repeats nothing already sent.
 */
async function followUpDecisions(data: {
	bookingIds: string[];
	choiceDecisions?: ChoiceDecision[];
}) {
	const told = await sendChoiceNotices(await db(), data.choiceDecisions ?? []).then(
		(result) => ({ ok: true as const, result }),
		(error: unknown) => ({ ok: false as const, error })
	);
	await scheduleRemindersOfBookings(data.bookingIds);
	if (!told.ok) throw told.error;
	return told.result;
}

/** The job telling the applicant of a change the office made; one per booking_changes row. */
export function officeChangeJobId(changeId: string): string {
	return `office_change-${changeId}`;
}

/** Queues the notice of an office's change to a booking, at once; twice queues it once. */
export async function scheduleOfficeChangeNotice(changeId: string): Promise<void> {
	await notifyQueue().add(
		'office_change',
		{ kind: 'office_change', changeId },
		{ jobId: officeChangeJobId(changeId) }
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
			if ('changeId' in data) return sendOfficeChangeNotice(await db(), data.changeId);
			if ('bookingIds' in data) return followUpDecisions(data);
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
