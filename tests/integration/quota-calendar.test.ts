import { describe, expect, it } from 'vitest';
import { sweepExpiredHolds } from '../../src/lib/server/booking/holds';
import { db } from '../../src/lib/server/db';
import { freshOffice, quickAccount, staffOf } from './booking-fixtures';
import { deliver, heldBooking, holdSeat, notificationBody } from './payment-fixtures';
import { expectInvalid, expectRefusal } from './refusal';

describe('quota calendar', () => {
	it('counts paid, held and free seats through a hold, a payment and an expiry', async () => {
		const hold = await heldBooking({ slotCount: 2 });
		const month = hold.date.slice(0, 7);
		const seatsOf = async () => {
			const slots = await hold.staff.quota.calendar({ officeId: hold.officeId, month });
			expect(slots).toHaveLength(2);
			expect(slots.every((slot) => slot.date === hold.date)).toBe(true);
			const held = slots.find((slot) => slot.startTime === '07:00')!;
			const other = slots.find((slot) => slot.startTime === '07:10')!;
			// The untouched slot stays whole throughout.
			expect(other).toMatchObject({ capacity: 3, paid: 0, held: 0, free: 3 });
			const { capacity, paid, held: heldSeats, free } = held;
			return { capacity, paid, held: heldSeats, free };
		};

		expect(await seatsOf()).toEqual({ capacity: 3, paid: 0, held: 1, free: 2 });

		const paid = await deliver(
			notificationBody({ billingCode: hold.billingCode, amount: hold.amount })
		);
		expect(paid.body).toMatchObject({ result: 'paid' });
		expect(await seatsOf()).toEqual({ capacity: 3, paid: 1, held: 0, free: 2 });

		// A second person's hold whose payment deadline has just passed, not yet swept.
		await holdSeat({
			officeId: hold.officeId,
			releaseId: hold.releaseId,
			slotId: hold.slotId,
			expiresAt: new Date(Date.now() - 1_000)
		});
		expect(await seatsOf()).toEqual({ capacity: 3, paid: 1, held: 1, free: 1 });

		const ended = await sweepExpiredHolds(await db());
		expect(ended.map((row) => row.slotId)).toContain(hold.slotId);
		expect(await seatsOf()).toEqual({ capacity: 3, paid: 1, held: 0, free: 2 });

		// Another month of the same office has none of these slots.
		const [year, monthNumber] = month.split('-').map(Number);
		const otherMonth = `${monthNumber === 12 ? year! + 1 : year}-${String((monthNumber! % 12) + 1).padStart(2, '0')}`;
		expect(await hold.staff.quota.calendar({ officeId: hold.officeId, month: otherMonth })).toEqual(
			[]
		);
	});

	it('is refused to staff of another office, to applicants and for a malformed month', async () => {
		const hold = await heldBooking();
		const month = hold.date.slice(0, 7);
		const otherOffice = await freshOffice();
		const otherStaff = await staffOf(otherOffice.id);
		await expectRefusal(
			otherStaff.quota.calendar({ officeId: hold.officeId, month }),
			'FORBIDDEN',
			'forbidden'
		);
		// Their own office answers, without a trace of the first office's slots.
		expect(await otherStaff.quota.calendar({ officeId: otherOffice.id, month })).toEqual([]);

		const applicant = await (await quickAccount()).browser.caller();
		await expectRefusal(
			applicant.quota.calendar({ officeId: hold.officeId, month }),
			'FORBIDDEN',
			'forbidden'
		);

		const fields = await expectInvalid(
			hold.staff.quota.calendar({ officeId: hold.officeId, month: '2026-13' })
		);
		expect(fields).toEqual({ month: ['quota_calendar_month_invalid'] });
	});
});
