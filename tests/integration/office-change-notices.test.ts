import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { pinClock } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db';
import { sendOfficeChangeNotice } from '../../src/lib/server/notify/office-changes';
import { queueOptions } from '../../src/lib/server/queues/connection';
import { NOTIFY_QUEUE, officeChangeJobId } from '../../src/lib/server/queues/notify';
import { waitFor } from './booking-fixtures';
import { mailsTo } from './harness';
import { changeOf, noticesOf, officeWithSlots, paidApplicant } from './notice-fixtures';

afterEach(() => pinClock(null));

describe('notices of changes made by the office', () => {
	it('tell the applicant of a special reschedule by mail and in the app, once', async () => {
		const {
			staff,
			slots: [first, second]
		} = await officeWithSlots(2);
		const person = await paidApplicant(first!.id);
		const moved = await staff.inbox.specialReschedule({
			bookingId: person.bookingId,
			newSlotId: second!.id,
			category: 'system_failure',
			reason: 'Server perekaman mati'
		});
		await waitFor(async () => (await mailsTo(person.email)).length === 1, 15_000, 'the mail');
		const [mail] = await mailsTo(person.email);
		expect(mail!.subject).toContain('dipindahkan oleh kantor');
		expect(mail!.text).toContain('Alasan: Server perekaman mati');
		expect(mail!.text).toContain(`/booking/manage/${moved.bookingId}`);

		const change = await changeOf(person.bookingId);
		expect(await noticesOf(person.id)).toMatchObject([
			{
				kind: 'office_reschedule',
				dedupeKey: `office_change:${change.id}`,
				link: `/booking/manage/${moved.bookingId}`,
				params: {
					startsAt: second!.startsAt.toISOString(),
					previousStartsAt: first!.startsAt.toISOString()
				}
			}
		]);
		// The job again, twice at once (a retry, a second worker): nothing more goes out.
		const database = await db();
		const again = await Promise.all([
			sendOfficeChangeNotice(database, change.id),
			sendOfficeChangeNotice(database, change.id)
		]);
		expect(again).toEqual([{ queued: false }, { queued: false }]);
		expect(await noticesOf(person.id)).toHaveLength(1);
		expect(await mailsTo(person.email)).toHaveLength(1);

		const inApp = await person.caller.notify.notices();
		expect(inApp.map((notice) => notice.kind)).toEqual(['office_reschedule']);
	});

	it('tell the applicant of a recorded no-show', async () => {
		const {
			staff,
			slots: [slot]
		} = await officeWithSlots(1);
		const person = await paidApplicant(slot!.id);
		pinClock(new Date(slot!.endsAt.getTime() + 60_000));
		await staff.inbox.noShow({ bookingId: person.bookingId, reason: 'Tidak datang' });
		await waitFor(async () => (await mailsTo(person.email)).length === 1, 15_000, 'the mail');
		const [mail] = await mailsTo(person.email);
		expect(mail!.subject).toContain('mencatat Anda tidak hadir');
		expect(await noticesOf(person.id)).toMatchObject([
			{ kind: 'office_no_show', params: { reason: 'Tidak datang' } }
		]);
	});

	it("say nothing of the applicant's own reschedule", async () => {
		const {
			slots: [first, second]
		} = await officeWithSlots(2);
		const person = await paidApplicant(first!.id);
		await person.caller.reschedule.move({ bookingId: person.bookingId, newSlotId: second!.id });
		const change = await changeOf(person.bookingId);
		expect(await sendOfficeChangeNotice(await db(), change.id)).toEqual({ queued: false });
		expect(await noticesOf(person.id)).toEqual([]);
	});
});

/** Waits for the notice job of a change to finish, so "no mail" means none was sent. */
async function noticeJobDone(changeId: string) {
	const queue = new Queue(NOTIFY_QUEUE, queueOptions());
	try {
		await waitFor(
			async () =>
				(await (await queue.getJob(officeChangeJobId(changeId)))?.getState()) === 'completed',
			15_000,
			'the notice job'
		);
	} finally {
		await queue.close();
	}
}

describe('channel choice', () => {
	it("is each person's own, both on until chosen, and read when a notice is sent", async () => {
		const {
			staff,
			slots: [first, second]
		} = await officeWithSlots(2);
		const inAppOnly = await paidApplicant(first!.id);
		const emailOnly = await paidApplicant(first!.id);
		expect(await inAppOnly.caller.notify.channels()).toEqual({ email: true, inApp: true });
		await inAppOnly.caller.notify.setChannels({ email: false, inApp: true });
		await emailOnly.caller.notify.setChannels({ email: true, inApp: false });
		expect(await inAppOnly.caller.notify.channels()).toEqual({ email: false, inApp: true });
		expect(await emailOnly.caller.notify.channels()).toEqual({ email: true, inApp: false });

		for (const person of [inAppOnly, emailOnly]) {
			await staff.inbox.specialReschedule({
				bookingId: person.bookingId,
				newSlotId: second!.id,
				category: 'force_majeure',
				reason: 'Banjir'
			});
			await noticeJobDone((await changeOf(person.bookingId)).id);
		}

		expect(await mailsTo(inAppOnly.email)).toEqual([]);
		expect(await noticesOf(inAppOnly.id)).toMatchObject([{ inApp: true, emailQueuedAt: null }]);
		expect((await inAppOnly.caller.notify.notices()).map((n) => n.kind)).toEqual([
			'office_reschedule'
		]);

		expect(await mailsTo(emailOnly.email)).toHaveLength(1);
		expect(await noticesOf(emailOnly.id)).toMatchObject([{ inApp: false }]);
		expect(await emailOnly.caller.notify.notices()).toEqual([]);
	});
});
