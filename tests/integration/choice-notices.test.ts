/**
 * "Book for me when my turn comes" tells the person what became of it at once, by the channels
 * they keep: they are often not watching, and a hold must be paid within HOLD_MINUTES.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAttempts } from '../../src/lib/server/booking/decide-batch';
import { afterDecisions, choiceDecisionsOf } from '../../src/lib/server/booking/decisions';
import type { AttemptJob } from '../../src/lib/server/booking/queue';
import { db } from '../../src/lib/server/db';
import { bookings, notifications } from '../../src/lib/server/db/schema';
import { setChannels } from '../../src/lib/server/notify/channels';
import { sendChoiceNotices } from '../../src/lib/server/notify/choice-notices';
import { savePushSubscription } from '../../src/lib/server/notify/push-subscriptions';
import { queueOptions } from '../../src/lib/server/queues/connection';
import { MAIL_QUEUE } from '../../src/lib/server/queues/mail';
import { NOTIFY_QUEUE, reminderJobId } from '../../src/lib/server/queues/notify';
import { accountWithApplications, fillSlot, releaseWithSlotIds, waitFor } from './booking-fixtures';
import { mailsTo } from './harness';
import { noticesOf } from './notice-fixtures';
import { PushServiceStandIn } from './push-service';

process.env.WAITING_ROOM_TICK_MS = '50';
process.env.ADMISSION_RATE_PER_SEC = '50';

const options = { holdMinutes: 120, decidedBy: 'choice-notices-test' };
const notifyQueue = new Queue(NOTIFY_QUEUE, queueOptions());
const mailQueue = new Queue(MAIL_QUEUE, queueOptions());
const pushService = new PushServiceStandIn();

beforeAll(() => pushService.start());
afterAll(async () => {
	await Promise.all([notifyQueue.close(), mailQueue.close(), pushService.stop()]);
});

/** A release at an office on WIT (Papua). */
function releaseOf(count: number, capacity: number, opensAt?: Date) {
	return releaseWithSlotIds(count, capacity, opensAt, 'Asia/Jayapura');
}

async function person(applications = 1) {
	const { account, applicationIds } = await accountWithApplications(applications, 'pilihan');
	const [user] = await (
		await db()
	).execute<{ email: string }>(sql`select email from users where id = ${account.id}`);
	return { account, email: user!.email, applicationIds };
}

/**
 * Every follow-up job about these bookings or attempts has run (and did not fail into a retry).
 * Other test files' follow-ups share the queue and are none of this test's business.
 */
async function followUpsDone(ids: string[]) {
	const concerns = (data: { bookingIds?: string[]; choiceDecisions?: { attemptId: string }[] }) =>
		(data.bookingIds ?? []).some((id) => ids.includes(id)) ||
		(data.choiceDecisions ?? []).some((decision) => ids.includes(decision.attemptId));
	await waitFor(
		async () => {
			const pending = await notifyQueue.getJobs(['waiting', 'active', 'prioritized', 'delayed']);
			return pending.every((job) => job.name !== 'schedule_reminders' || !concerns(job.data));
		},
		15_000,
		'the notify follow-up jobs'
	);
}

/** The notice's mail has gone through the mail queue (so the dev mailbox is final). */
async function mailSent(noticeId: string) {
	await waitFor(
		async () => (await (await mailQueue.getJob(`notice-${noticeId}`))?.getState()) === 'completed',
		15_000,
		'the notice mail'
	);
}

describe('notices of a standing choice decided at the person’s turn', () => {
	it('tell of a booking once, with office, time and payment deadline, by the person’s channels, even when the follow-up runs twice', async () => {
		const { office, release, slotIds } = await releaseOf(2, 3);
		const emailed = await person();
		const device = pushService.newDevice();
		await savePushSubscription(await db(), emailed.account.id, { ...device, userAgent: 'test' });
		// A family of two booked in one attempt: one notice, leading to both holds.
		const inAppOnly = await person(2);
		await setChannels(await db(), inAppOnly.account.id, { email: false, inApp: true });
		const madeFor = (who: Awaited<ReturnType<typeof person>>, choice: Partial<AttemptJob>) => ({
			attemptId: randomUUID(),
			accountId: who.account.id,
			releaseId: release.id,
			officeId: office.id,
			applicationIds: who.applicationIds,
			tokenId: randomUUID(),
			...choice
		});
		const jobs: AttemptJob[] = [
			madeFor(emailed, { slotIds: [slotIds[1]!], anySlot: false }),
			madeFor(inAppOnly, { slotIds: [], anySlot: true })
		];
		const decisions = await decideAttempts(await db(), jobs, options);
		expect(decisions.map((decision) => decision.outcome)).toEqual(['booked', 'booked']);
		const decided = jobs.map((job, index) => ({ job, decision: decisions[index]! }));

		// A redelivered batch redoes its follow-ups: two notify jobs, and two racing runs besides.
		await afterDecisions(decided);
		await afterDecisions(decided);
		const again = choiceDecisionsOf(decided, [null, null]);
		await Promise.all([sendChoiceNotices(await db(), again), sendChoiceNotices(await db(), again)]);
		await followUpsDone(jobs.map((job) => job.attemptId));

		const database = await db();
		const [hold] = await database
			.select()
			.from(bookings)
			.where(eq(bookings.attemptId, jobs[0]!.attemptId));
		const notices = await noticesOf(emailed.account.id);
		expect(notices).toHaveLength(1);
		const [notice] = notices;
		expect(notice).toMatchObject({
			kind: 'booked_for_you',
			dedupeKey: `booked_for_you:${jobs[0]!.attemptId}`,
			inApp: true,
			releaseId: release.id,
			link: `/booking/manage/${hold!.id}`,
			params: {
				officeName: office.name,
				timeZone: 'Asia/Jayapura',
				bookingId: hold!.id,
				expiresAt: hold!.expiresAt.toISOString()
			}
		});
		await mailSent(notice!.id);
		const mails = await mailsTo(emailed.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toContain(office.name);
		expect(mails[0]!.subject).toMatch(/bayar sebelum .+ WIT$/);
		expect(mails[0]!.text).toContain(`/booking/manage/${hold!.id}`);
		expect(mails[0]!.text).toContain('ditahan sampai');
		// Pushed to the device once, in the same words as the in-app list.
		expect(pushService.to(device)).toHaveLength(1);
		const pushed = JSON.parse(device.decrypt(pushService.to(device)[0]!.body));
		expect(pushed).toMatchObject({
			title: `Jadwal Anda di ${office.name} sudah dipesan`,
			link: notice!.link,
			tag: notice!.id
		});
		expect(pushed.body).toMatch(/^Jadwal .+ WIT\. Bayar sebelum .+ WIT\.$/);
		// The reminders come from the same job.
		expect(await notifyQueue.getJob(reminderJobId('payment_deadline', hold!.id))).toBeDefined();

		// Email turned off: the notice is in the app, and no mail goes.
		const [listed] = await noticesOf(inAppOnly.account.id);
		expect(listed).toMatchObject({
			kind: 'booked_for_you',
			inApp: true,
			emailQueuedAt: null,
			link: '/booking'
		});
		expect(await noticesOf(inAppOnly.account.id)).toHaveLength(1);
		expect(await mailsTo(inAppOnly.email)).toEqual([]);
	});

	it('tell once that no chosen time could be booked, why, and until when the turn is open', async () => {
		const { release, slotIds } = await releaseOf(2, 1, new Date(Date.now() + 2_000));
		const [first, second] = slotIds as [string, string];
		const waiting = await person();
		const caller = await waiting.account.browser.caller();
		await caller.waitingRoom.join({
			releaseId: release.id,
			applicationIds: waiting.applicationIds
		});
		await caller.waitingRoom.choose({ releaseId: release.id, slotIds: [first], anySlot: false });
		await fillSlot(first);

		const view = await waitFor(
			async () => {
				const current = await caller.waitingRoom.status({ releaseId: release.id });
				return current.place === 'admitted' && current.autoAttempt?.pending === false
					? current
					: null;
			},
			15_000,
			'the refused attempt and a fresh turn'
		);
		const [notice] = await waitFor(
			async () => {
				const found = await noticesOf(waiting.account.id);
				return found.length > 0 && found;
			},
			15_000,
			'the refusal notice'
		);
		expect(notice).toMatchObject({
			kind: 'choice_refused',
			dedupeKey: `choice_refused:${view.autoAttempt!.attemptId}`,
			inApp: true,
			link: `/booking/room/${release.id}`,
			params: {
				refusal: 'slot_full',
				timeZone: 'Asia/Jayapura',
				turnOpenUntil: new Date(view.admission!.expiresAt).toISOString()
			}
		});
		await mailSent(notice!.id);
		// Told again (a redelivery): still the one notice and the one mail.
		await sendChoiceNotices(await db(), [
			{
				outcome: 'refused',
				attemptId: view.autoAttempt!.attemptId,
				accountId: waiting.account.id,
				releaseId: release.id,
				refusal: 'slot_full',
				turnOpenUntil: null
			}
		]);
		const [mail, ...more] = await mailsTo(waiting.email);
		expect(more).toEqual([]);
		expect(mail!.subject).toContain('tidak dapat dipesan');
		expect(mail!.text).toContain('Jam itu baru saja penuh');
		expect(mail!.text).toMatch(/masih terbuka sampai .+ WIT\./);
		expect(mail!.text).toContain(`/booking/room/${release.id}`);

		// Booking by hand with the re-armed turn is the person's own doing: nothing more is told.
		const attemptId = randomUUID();
		const answer = await caller.booking.attempt({
			attemptId,
			token: view.admission!.token,
			slotId: second,
			applicationIds: waiting.applicationIds
		});
		expect(answer.state).toBe('booked');
		const [hold] = await (
			await db()
		)
			.select()
			.from(bookings)
			.where(eq(bookings.attemptId, attemptId));
		await waitFor(
			() => notifyQueue.getJob(reminderJobId('payment_deadline', hold!.id)),
			15_000,
			'the hand booking’s follow-up'
		);
		await followUpsDone([hold!.id]);
		expect((await noticesOf(waiting.account.id)).map((row) => row.kind)).toEqual([
			'choice_refused'
		]);
	});

	it('are not sent for attempts sent by hand, booked or refused', async () => {
		const { office, release, slotIds } = await releaseOf(1, 1);
		const lucky = await person();
		const unlucky = await person();
		const byHand = (who: Awaited<ReturnType<typeof person>>): AttemptJob => ({
			attemptId: randomUUID(),
			accountId: who.account.id,
			releaseId: release.id,
			officeId: office.id,
			slotId: slotIds[0]!,
			applicationIds: who.applicationIds,
			tokenId: randomUUID()
		});
		const jobs = [byHand(lucky), byHand(unlucky)];
		const decisions = await decideAttempts(await db(), jobs, options);
		expect(decisions.map((decision) => decision.refusal ?? decision.outcome)).toEqual([
			'booked',
			'slot_full'
		]);
		const decided = jobs.map((job, index) => ({ job, decision: decisions[index]! }));
		expect(choiceDecisionsOf(decided, [null, null])).toEqual([]);

		await afterDecisions(decided);
		await waitFor(
			() => notifyQueue.getJob(reminderJobId('payment_deadline', decisions[0]!.bookings[0]!.id)),
			15_000,
			'the follow-up'
		);
		await followUpsDone(decisions.flatMap((decision) => decision.bookings.map((b) => b.id)));
		const told = await (
			await db()
		)
			.select()
			.from(notifications)
			.where(eq(notifications.releaseId, release.id));
		expect(told).toEqual([]);
	});

	it('leave a follow-up job of the older shape (no choice decisions) working', async () => {
		const { office, release, slotIds } = await releaseOf(1, 1);
		const { account, applicationIds } = await person();
		const [decision] = await decideAttempts(
			await db(),
			[
				{
					attemptId: randomUUID(),
					accountId: account.id,
					releaseId: release.id,
					officeId: office.id,
					slotId: slotIds[0]!,
					applicationIds,
					tokenId: randomUUID()
				}
			],
			options
		);
		const bookingId = decision!.bookings[0]!.id;
		// As queued by a worker from before a rolling deploy.
		const job = await notifyQueue.add('schedule_reminders', {
			kind: 'schedule_reminders',
			bookingIds: [bookingId]
		});
		await waitFor(
			async () => (await job.getState()) === 'completed',
			15_000,
			'the old-shape follow-up'
		);
		expect(await notifyQueue.getJob(reminderJobId('payment_deadline', bookingId))).toBeDefined();
	});
});
