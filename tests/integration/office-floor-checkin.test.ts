import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { queueTickets } from '../../src/lib/server/db/schema';
import { latestEvent } from '../../src/lib/server/office-floor/events';
import { applicationStatus, dateInDays, freshOffice, staffOf } from './booking-fixtures';
import { applicationNumber, bookingAt } from './office-floor-fixtures';
import { expectInvalid, expectRefusal } from './refusal';

describe('check-in by typed application number', () => {
	it('marks a paid booking of today arrived and gives it the next A number', async () => {
		const office = await freshOffice('Asia/Jayapura');
		const staff = await staffOf(office.id);
		const today = dateInDays(0, office.timeZone);
		const first = await bookingAt(office, today);
		const second = await bookingAt(office, today);
		const checkedIn = await staff.floor.checkIn({
			applicationNumber: first.number.toLowerCase().replaceAll('-', ' ')
		});
		expect(checkedIn.ticket.label).toBe('A-001');
		expect(checkedIn.summary).toMatchObject({ applicationNumber: first.number, slotDate: today });
		expect(await applicationStatus(first.applicationId)).toBe('checked_in');
		const next = await staff.floor.checkIn({ applicationNumber: second.number });
		expect(next.ticket.label).toBe('A-002');
		// The hall's board hears of the arrivals by number only.
		const event = (await latestEvent(office.id))!.data;
		expect(JSON.parse(event).board.next).toEqual(['A-001', 'A-002']);
		expect(event).not.toContain(checkedIn.summary.fullName);
		expect(event).not.toContain(first.number);
	});

	it('refuses each case with its own reason', async () => {
		const office = await freshOffice();
		const other = await freshOffice();
		const staff = await staffOf(office.id);
		const today = dateInDays(0, office.timeZone);

		await expectInvalid(staff.floor.checkIn({ applicationNumber: 'bukan nomor' }));
		await expectRefusal(
			staff.floor.checkIn({ applicationNumber: applicationNumber() }),
			'NOT_FOUND',
			'checkin_unknown_number'
		);
		const elsewhere = await bookingAt(other, today);
		await expectRefusal(
			staff.floor.checkIn({ applicationNumber: elsewhere.number }),
			'FORBIDDEN',
			'checkin_other_office'
		);
		const tomorrow = await bookingAt(office, dateInDays(1, office.timeZone));
		const refusal = await expectRefusal(
			staff.floor.checkIn({ applicationNumber: tomorrow.number }),
			'CONFLICT',
			'checkin_other_day'
		);
		expect((refusal as unknown as { details: unknown }).details).toEqual({
			date: dateInDays(1, office.timeZone)
		});
		const yesterday = await bookingAt(office, dateInDays(-1, office.timeZone));
		await expectRefusal(
			staff.floor.checkIn({ applicationNumber: yesterday.number }),
			'CONFLICT',
			'checkin_other_day'
		);
		const cancelled = await bookingAt(office, today, 'cancelled');
		await expectRefusal(
			staff.floor.checkIn({ applicationNumber: cancelled.number }),
			'CONFLICT',
			'checkin_cancelled'
		);
		const moved = await bookingAt(office, today, 'rescheduled');
		await expectRefusal(
			staff.floor.checkIn({ applicationNumber: moved.number }),
			'CONFLICT',
			'checkin_superseded'
		);
		const absent = await bookingAt(office, today, 'no_show');
		await expectRefusal(
			staff.floor.checkIn({ applicationNumber: absent.number }),
			'CONFLICT',
			'checkin_no_show'
		);
		for (const status of ['held', 'expired'] as const) {
			const unpaid = await bookingAt(office, today, status);
			await expectRefusal(
				staff.floor.checkIn({ applicationNumber: unpaid.number }),
				'CONFLICT',
				'checkin_not_paid'
			);
		}
		const paid = await bookingAt(office, today);
		await staff.floor.checkIn({ applicationNumber: paid.number });
		const again = await expectRefusal(
			staff.floor.checkIn({ applicationNumber: paid.number }),
			'CONFLICT',
			'checkin_already'
		);
		expect((again as unknown as { details: unknown }).details).toEqual({ label: 'A-001' });
		// Refusals gave out no numbers: the only ticket is the one good check-in.
		const tickets = await (
			await db()
		)
			.select()
			.from(queueTickets)
			.where(eq(queueTickets.officeId, office.id));
		expect(tickets.map((ticket) => ticket.label)).toEqual(['A-001']);
	});

	it('gives 20 concurrent check-ins the numbers 1 to 20, each once, in order of arrival', async () => {
		const office = await freshOffice();
		const staff = await staffOf(office.id);
		const today = dateInDays(0, office.timeZone);
		const booked = await Promise.all(Array.from({ length: 20 }, () => bookingAt(office, today)));
		const results = await Promise.all(
			booked.map((entry) => staff.floor.checkIn({ applicationNumber: entry.number }))
		);
		const numbers = results.map((result) => result.ticket.number).sort((a, b) => a - b);
		expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
		const rows = await (
			await db()
		)
			.select()
			.from(queueTickets)
			.where(eq(queueTickets.officeId, office.id));
		// In order: a higher number was never issued before a lower one.
		const byIssue = [...rows].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
		expect(byIssue.map((row) => row.number)).toEqual(numbers);
		expect(new Set(rows.map((row) => row.label)).size).toBe(20);
	});
});
