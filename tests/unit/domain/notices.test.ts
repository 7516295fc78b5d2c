import { describe, expect, it } from 'vitest';
import {
	appointmentReminderDelay,
	bookedForYouKey,
	choiceRefusedKey,
	holdAwaitsPayment,
	isNoticeKind,
	madeFromStandingChoice,
	officeChangeKey,
	officeChangeNoticeKind,
	openingNoticeDelay,
	paymentReminderDelay,
	quotaNoticeKey,
	reminderKey,
	turnOpenUntil
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

describe('notices of a standing choice decided at the person’s turn', () => {
	it('go only for attempts the room made from a choice, never for one sent by hand', () => {
		expect(madeFromStandingChoice({ slotIds: ['s1', 's2'] })).toBe(true);
		// "Any free slot" alone is still a choice: no slots listed, but the list is there.
		expect(madeFromStandingChoice({ slotIds: [] })).toBe(true);
		expect(madeFromStandingChoice({ slotId: 's1' })).toBe(false);
		expect(madeFromStandingChoice({})).toBe(false);
	});

	it('are kinds of their own, keyed by the booking (booked) or the attempt (refused)', () => {
		expect(isNoticeKind('booked_for_you')).toBe(true);
		expect(isNoticeKind('choice_refused')).toBe(true);
		expect(bookedForYouKey('b1')).toBe('booked_for_you:b1');
		expect(choiceRefusedKey('a1')).toBe('choice_refused:a1');
		expect(bookedForYouKey('x')).not.toBe(reminderKey('payment_deadline', 'x'));
	});

	it('say "booked, pay by" only while the hold still awaits payment', () => {
		const later = new Date(now.getTime() + MINUTE);
		expect(holdAwaitsPayment('held', later, now)).toBe(true);
		expect(holdAwaitsPayment('held', now, now)).toBe(false);
		expect(holdAwaitsPayment('paid', later, now)).toBe(false);
		expect(holdAwaitsPayment('expired', later, now)).toBe(false);
	});

	it('offer the turn until the re-armed admission ends, and only a re-armed, live one', () => {
		const until = now.getTime() + 2 * MINUTE;
		expect(turnOpenUntil({ tokenId: 'fresh', expiresAt: until }, 'spent', now)).toEqual(
			new Date(until)
		);
		// Still on the spent token: settling did not re-arm it (it was not this attempt's turn).
		expect(turnOpenUntil({ tokenId: 'spent', expiresAt: until }, 'spent', now)).toBeNull();
		expect(turnOpenUntil({ tokenId: 'fresh', expiresAt: now.getTime() }, 'spent', now)).toBeNull();
		expect(turnOpenUntil('done', 'spent', now)).toBeNull();
		expect(turnOpenUntil(null, 'spent', now)).toBeNull();
	});
});
