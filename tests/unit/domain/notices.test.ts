import { describe, expect, it } from 'vitest';
import {
	appointmentReminderDelay,
	officeChangeKey,
	officeChangeNoticeKind,
	openingNoticeDelay,
	paymentReminderDelay,
	quotaNoticeKey,
	reminderKey
} from '../../../src/lib/domain/notices';

const MINUTE = 60_000;
const now = new Date('2026-03-02T01:00:00Z');

describe('opening notice timing', () => {
	it('goes the lead time before opening, at once inside it, and never after opening', () => {
		expect(openingNoticeDelay(new Date(now.getTime() + 120 * MINUTE), 30, now)).toBe(90 * MINUTE);
		expect(openingNoticeDelay(new Date(now.getTime() + 10 * MINUTE), 30, now)).toBe(0);
		expect(openingNoticeDelay(now, 30, now)).toBeNull();
	});
});

describe('reminder timing', () => {
	it('reminds of payment 30 minutes before the deadline, at once inside that, never after', () => {
		expect(paymentReminderDelay(new Date(now.getTime() + 120 * MINUTE), now)).toBe(90 * MINUTE);
		expect(paymentReminderDelay(new Date(now.getTime() + 5 * MINUTE), now)).toBe(0);
		expect(paymentReminderDelay(new Date(now.getTime() - MINUTE), now)).toBeNull();
	});

	it('reminds of an appointment at 09:00 the day before on the office clock', () => {
		// 2026-03-05 08:00 WIT is 2026-03-04 23:00 UTC; the reminder is 2026-03-04 09:00 WIT.
		const startsAt = new Date('2026-03-04T23:00:00Z');
		const delay = appointmentReminderDelay('2026-03-05', startsAt, 'Asia/Jayapura', now);
		expect(new Date(now.getTime() + delay!).toISOString()).toBe('2026-03-04T00:00:00.000Z');
		// Same date in WIB: 09:00 WIB is 02:00 UTC.
		const wib = appointmentReminderDelay('2026-03-05', startsAt, 'Asia/Jakarta', now);
		expect(new Date(now.getTime() + wib!).toISOString()).toBe('2026-03-04T02:00:00.000Z');
	});

	it('reminds at once when booked after that morning, and not at all once the time has come', () => {
		const late = new Date('2026-03-04T05:00:00Z');
		const startsAt = new Date('2026-03-04T23:00:00Z');
		expect(appointmentReminderDelay('2026-03-05', startsAt, 'Asia/Jayapura', late)).toBe(0);
		expect(appointmentReminderDelay('2026-03-05', startsAt, 'Asia/Jayapura', startsAt)).toBeNull();
	});
});

describe('notice keys', () => {
	it('name one notice per kind, subscription or booking, and release', () => {
		expect(quotaNoticeKey('quota_opening', 's1', 'r1')).not.toBe(
			quotaNoticeKey('quota_scheduled', 's1', 'r1')
		);
		expect(reminderKey('payment_deadline', 'b1')).toBe('payment_deadline:b1');
	});
});

describe('notices of office changes', () => {
	it("go for staff reschedules, no-shows and cancels, never for the applicant's own", () => {
		expect(officeChangeNoticeKind({ kind: 'special_reschedule', actorRole: 'staff' })).toBe(
			'office_reschedule'
		);
		expect(officeChangeNoticeKind({ kind: 'no_show', actorRole: 'staff' })).toBe('office_no_show');
		expect(officeChangeNoticeKind({ kind: 'reschedule', actorRole: 'applicant' })).toBeNull();
		expect(officeChangeNoticeKind({ kind: 'cancel', actorRole: 'applicant' })).toBeNull();
		expect(officeChangeNoticeKind({ kind: 'cancel', actorRole: 'staff' })).toBe('office_cancel');
	});

	it('are keyed by the change alone', () => {
		expect(officeChangeKey('c1')).toBe('office_change:c1');
	});
});
