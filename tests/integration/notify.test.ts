import { Queue } from 'bullmq';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { notifications, quotaSubscriptions, users } from '../../src/lib/server/db/schema';
import { sendQuotaNotices } from '../../src/lib/server/notify/quota-notices';
import { queueOptions } from '../../src/lib/server/queues/connection';
import { MAIL_QUEUE } from '../../src/lib/server/queues/mail';
import { NOTIFY_QUEUE, scheduleQuotaNotices } from '../../src/lib/server/queues/notify';
import {
	dateInDays,
	freshOffice,
	quickAccount,
	releaseWithSlots,
	waitFor
} from './booking-fixtures';
import { FakeBrowser, mailsTo } from './harness';
import { expectRefusal } from './refusal';

const MINUTE = 60_000;

async function subscriber(officeCode: string, passportType: 'biasa' | 'elektronik' | null = null) {
	const account = await quickAccount('pelanggan');
	const caller = await account.browser.caller();
	const subscription = await caller.notify.subscribe({ officeCode, passportType });
	const [user] = await (await db()).select().from(users).where(eq(users.id, account.id));
	return { ...account, caller, email: user!.email, subscriptionId: subscription.id };
}

async function noticesOf(userId: string) {
	return (await db())
		.select()
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(notifications.kind);
}

function unsubscribeLink(text: string): URL {
	const url = text.match(/https?:\/\/\S+\/unsubscribe\?\S+/)?.[0];
	if (!url) throw new Error(`no unsubscribe link in: ${text}`);
	return new URL(url);
}

describe('quota notices', () => {
	it('tell each matching subscriber once when scheduled and once before opening', async () => {
		const office = await freshOffice();
		const anyType = await subscriber(office.code);
		const elektronik = await subscriber(office.code, 'elektronik');
		const biasaOnly = await subscriber(office.code, 'biasa');

		// Opens in 10 minutes: inside the 30-minute lead, so "opening soon" goes at once too.
		const { release } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 2,
			opensAt: new Date(Date.now() + 10 * MINUTE)
		});

		for (const person of [anyType, elektronik]) {
			const mails = await waitFor(
				async () => {
					const found = await mailsTo(person.email);
					return found.length >= 2 && found;
				},
				15_000,
				`two notices to ${person.email}`
			);
			expect(mails).toHaveLength(2);
			expect(mails.map((mail) => mail.subject).sort()).toEqual(
				[`Kuota baru di ${office.name}: dibuka `, `Segera dibuka: kuota ${office.name} `].map(
					(prefix) => expect.stringContaining(prefix)
				)
			);
			for (const mail of mails) {
				expect(mail.text).toContain(`/booking/room/${release.id}`);
				expect(unsubscribeLink(mail.text).searchParams.get('s')).toBe(person.subscriptionId);
			}
			const notices = await noticesOf(person.id);
			expect(notices.map((notice) => notice.kind)).toEqual(['quota_opening', 'quota_scheduled']);
			const listed = await person.caller.notify.notices();
			expect(listed).toHaveLength(2);
			expect(listed[0]).toMatchObject({ link: `/booking/room/${release.id}`, readAt: null });
		}
		// A subscriber for a type this release has no slots of hears nothing.
		expect(await noticesOf(biasaOnly.id)).toHaveLength(0);

		// Scheduling the same release again queues nothing new.
		await scheduleQuotaNotices(release);
		const notifyQueue = new Queue(NOTIFY_QUEUE, queueOptions());
		// Other tests share the queue, so only this release's jobs are looked at.
		const pending = await notifyQueue.getJobs(['waiting', 'delayed', 'active']);
		await notifyQueue.close();
		expect(
			pending.filter((job) => 'releaseId' in job.data && job.data.releaseId === release.id)
		).toEqual([]);
		expect(await noticesOf(anyType.id)).toHaveLength(2);
	});

	it('send once when the same job runs twice, at once or after a crash before marking', async () => {
		const office = await freshOffice();
		const person = await subscriber(office.code);
		// Opens in two hours: only the "scheduled" notice goes now.
		const { release } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 1,
			opensAt: new Date(Date.now() + 120 * MINUTE)
		});
		await waitFor(async () => (await mailsTo(person.email)).length === 1, 15_000, 'first mail');

		const database = await db();
		const twice = await Promise.all([
			sendQuotaNotices(database, 'quota_scheduled', release.id),
			sendQuotaNotices(database, 'quota_scheduled', release.id)
		]);
		expect(twice.map((run) => run.created)).toEqual([0, 0]);

		// A worker that queued the mail but died before noting it: the rerun re-queues under
		// the same job id, which the mail queue already holds, so nothing is sent again.
		const [notice] = await noticesOf(person.id);
		await database
			.update(notifications)
			.set({ emailQueuedAt: null })
			.where(eq(notifications.id, notice!.id));
		expect((await sendQuotaNotices(database, 'quota_scheduled', release.id)).mailed).toBe(1);
		const mailQueue = new Queue(MAIL_QUEUE, queueOptions());
		const mailJob = await mailQueue.getJob(`notice-${notice!.id}`);
		await waitFor(async () => (await mailJob?.getState()) === 'completed', 15_000, 'mail job');
		await mailQueue.close();
		expect(await mailsTo(person.email)).toHaveLength(1);
		expect(await noticesOf(person.id)).toHaveLength(1);
	});

	it('delays the "opening soon" notice to the configured lead before opening', async () => {
		const office = await freshOffice();
		const opensAt = new Date(Date.now() + 180 * MINUTE);
		const { release } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 1,
			opensAt,
			date: dateInDays(4)
		});
		const queue = new Queue(NOTIFY_QUEUE, queueOptions());
		const job = await queue.getJob(`quota_opening-${release.id}-${opensAt.getTime()}`);
		expect(await job?.getState()).toBe('delayed');
		const firesAt = job!.timestamp + (job!.delay ?? 0);
		expect(Math.abs(firesAt - (opensAt.getTime() - 30 * MINUTE))).toBeLessThan(MINUTE);
		await queue.close();
	});
});

describe('unsubscribing', () => {
	it('works from the email link without a session, and only for that subscription', async () => {
		const office = await freshOffice();
		const alice = await subscriber(office.code);
		const bob = await subscriber(office.code);
		await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 1,
			opensAt: new Date(Date.now() + 120 * MINUTE)
		});
		const [aliceMail] = await waitFor(
			async () => {
				const found = await mailsTo(alice.email);
				return found.length > 0 && found;
			},
			15_000,
			'mail to alice'
		);
		const link = unsubscribeLink(aliceMail!.text);
		const token = link.searchParams.get('t')!;
		const anonymous = await new FakeBrowser().caller();

		// Alice's token cannot remove Bob's subscription, and a made-up token removes nothing.
		await expectRefusal(
			anonymous.notify.unsubscribeWithToken({ subscriptionId: bob.subscriptionId, token }),
			'FORBIDDEN',
			'notify_unsubscribe_invalid'
		);
		await expectRefusal(
			anonymous.notify.unsubscribeWithToken({
				subscriptionId: alice.subscriptionId,
				token: 'A'.repeat(43)
			}),
			'FORBIDDEN',
			'notify_unsubscribe_invalid'
		);
		// Signed in, Bob cannot remove Alice's subscription by id either.
		await expectRefusal(
			bob.caller.notify.unsubscribe({ id: alice.subscriptionId }),
			'NOT_FOUND',
			'notify_subscription_not_found'
		);

		const done = await anonymous.notify.unsubscribeWithToken({
			subscriptionId: link.searchParams.get('s')!,
			token
		});
		expect(done.officeName).toBe(office.name);
		const remaining = await (
			await db()
		)
			.select({ userId: quotaSubscriptions.userId })
			.from(quotaSubscriptions)
			.where(eq(quotaSubscriptions.officeId, office.id));
		expect(remaining.map((row) => row.userId)).toEqual([bob.id]);
		// Following the link again is harmless.
		await anonymous.notify.unsubscribeWithToken({ subscriptionId: alice.subscriptionId, token });
	});

	it('keeps one subscription per person, office and type however often they subscribe', async () => {
		const office = await freshOffice();
		const person = await subscriber(office.code);
		const again = await person.caller.notify.subscribe({ officeCode: office.code });
		expect(again.id).toBe(person.subscriptionId);
		await person.caller.notify.subscribe({ officeCode: office.code, passportType: 'biasa' });
		const rows = await (
			await db()
		)
			.select({ n: sql<number>`count(*)::int` })
			.from(quotaSubscriptions)
			.where(and(eq(quotaSubscriptions.userId, person.id)));
		expect(rows[0]!.n).toBe(2);
		expect(await person.caller.notify.subscriptions()).toHaveLength(2);
	});
});
