import { describe, expect, it } from 'vitest';
import {
	dayBefore,
	mayReschedule,
	type RescheduleQuestion
} from '../../../src/lib/domain/reschedule';

const ZONES = [
	// zone, UTC instant of 23:59 on 2026-12-09 there, UTC instant of 00:00 on 2026-12-10 there
	['Asia/Jakarta', '2026-12-09T16:59:00Z', '2026-12-09T17:00:00Z'],
	['Asia/Makassar', '2026-12-09T15:59:00Z', '2026-12-09T16:00:00Z'],
	['Asia/Jayapura', '2026-12-09T14:59:00Z', '2026-12-09T15:00:00Z']
] as const;

function question(overrides: Partial<RescheduleQuestion>): RescheduleQuestion {
	return {
		status: 'paid',
		reschedulesSoFar: 0,
		appointmentDate: '2026-12-10',
		timeZone: 'Asia/Jakarta',
		now: new Date('2026-12-01T00:00:00Z'),
		...overrides
	};
}

describe('may an applicant reschedule', () => {
	for (const [timeZone, lastMinute, midnight] of ZONES) {
		it(`judges H-1 by the office's calendar in ${timeZone}`, () => {
			const atLastMinute = mayReschedule(question({ timeZone, now: new Date(lastMinute) }));
			expect(atLastMinute).toMatchObject({ allowed: true, lastDay: '2026-12-09' });
			expect(atLastMinute.closesAt.toISOString()).toBe(new Date(midnight).toISOString());

			const atMidnight = mayReschedule(question({ timeZone, now: new Date(midnight) }));
			expect(atMidnight).toMatchObject({ allowed: false, reason: 'reschedule_too_late' });
		});
	}

	it('reads the same instant differently in each zone', () => {
		// 15:30 UTC on 2026-12-09: 22:30 WIB and 23:30 WITA (still H-1), 00:30 WIT (the day).
		const now = new Date('2026-12-09T15:30:00Z');
		expect(mayReschedule(question({ now, timeZone: 'Asia/Jakarta' })).allowed).toBe(true);
		expect(mayReschedule(question({ now, timeZone: 'Asia/Makassar' })).allowed).toBe(true);
		expect(mayReschedule(question({ now, timeZone: 'Asia/Jayapura' })).allowed).toBe(false);
	});

	it('refuses after the appointment day too', () => {
		const verdict = mayReschedule(question({ now: new Date('2026-12-12T03:00:00Z') }));
		expect(verdict).toMatchObject({ allowed: false, reason: 'reschedule_too_late' });
	});

	it('allows only one reschedule per application', () => {
		expect(mayReschedule(question({ reschedulesSoFar: 1 }))).toMatchObject({
			allowed: false,
			reason: 'reschedule_used'
		});
	});

	it('needs a paid booking', () => {
		for (const status of ['held', 'expired', 'cancelled', 'rescheduled', 'no_show']) {
			expect(mayReschedule(question({ status }))).toMatchObject({
				allowed: false,
				reason: 'reschedule_not_paid'
			});
		}
	});

	it('knows the day before across a month and a year', () => {
		expect(dayBefore('2026-12-01')).toBe('2026-11-30');
		expect(dayBefore('2027-01-01')).toBe('2026-12-31');
		expect(dayBefore('2028-03-01')).toBe('2028-02-29');
	});
});
