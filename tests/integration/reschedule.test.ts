import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { officeInstant } from '../../src/lib/domain/office-time';
import { dayBefore } from '../../src/lib/domain/reschedule';
import { pinClock } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db';
import { bookingChanges, slots } from '../../src/lib/server/db/schema';
import {
	applicationStatus,
	dateInDays,
	ELEKTRONIK_REGULER,
	freshOffice,
	quickAccount,
	releaseWithSlots,
	staffOf,
	submittedApplication,
	waitFor
} from './booking-fixtures';
import { expectInvalid, expectRefusal } from './refusal';
import { bookingRow, paidBooking, seatsTaken } from './reschedule-fixtures';

process.env.WAITING_ROOM_TICK_MS = '50';
process.env.ADMISSION_RATE_PER_SEC = '50';

afterEach(() => pinClock(null));

/** An office in `timeZone` with one release on one date: `slotCount` slots of `capacity`. */
async function officeWithSlots(timeZone: string, slotCount: number, capacity: number) {
	const office = await freshOffice(timeZone);
	const date = dateInDays(3, timeZone);
	const { release, staff } = await releaseWithSlots({
		officeId: office.id,
		slotCount,
		capacity,
		opensAt: new Date(Date.now() - 1_000),
		date
	});
	const slotRows = await (
		await db()
	)
		.select()
		.from(slots)
		.where(eq(slots.releaseId, release.id))
		.orderBy(slots.startTime);
	return { office, release, staff, date, slots: slotRows };
}

/** A new applicant account with a paid booking in `slotId`. */
async function paidApplicant(slotId: string) {
	const person = await quickAccount();
	const application = await submittedApplication(person.id);
	const bookingId = await paidBooking({
		accountId: person.id,
		applicationId: application.id,
		slotId
	});
	return { person, application, bookingId, caller: await person.browser.caller() };
}

async function changesOf(bookingId: string) {
	return (await db()).select().from(bookingChanges).where(eq(bookingChanges.bookingId, bookingId));
}

describe('rescheduling', () => {
	for (const timeZone of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']) {
		it(`is allowed at 23:59 on H-1 and refused at 00:00 on the day, by the clock of ${timeZone}`, async () => {
			const {
				date,
				slots: [first, second]
			} = await officeWithSlots(timeZone, 2, 2);
			const early = await paidApplicant(first!.id);
			const late = await paidApplicant(first!.id);

			pinClock(officeInstant(dayBefore(date), '23:59', timeZone));
			const detail = await early.caller.reschedule.detail({ bookingId: early.bookingId });
			expect(detail.reschedule).toMatchObject({ allowed: true, lastDay: dayBefore(date) });
			const moved = await early.caller.reschedule.move({
				bookingId: early.bookingId,
				newSlotId: second!.id
			});
			expect(moved.previousBookingId).toBe(early.bookingId);
			expect(moved.bookingId).not.toBe(early.bookingId);
			expect(await bookingRow(early.bookingId)).toMatchObject({ status: 'rescheduled' });
			expect(await bookingRow(moved.bookingId)).toMatchObject({
				status: 'paid',
				slotId: second!.id,
				rescheduledFromId: early.bookingId
			});
			expect(await seatsTaken(first!.id)).toBe(1);
			expect(await seatsTaken(second!.id)).toBe(1);

			pinClock(officeInstant(date, '00:00', timeZone));
			await expectRefusal(
				late.caller.reschedule.move({ bookingId: late.bookingId, newSlotId: second!.id }),
				'CONFLICT',
				'reschedule_too_late'
			);
			expect(await bookingRow(late.bookingId)).toMatchObject({ status: 'paid', slotId: first!.id });
			expect(await seatsTaken(first!.id)).toBe(1);
			expect(await seatsTaken(second!.id)).toBe(1);
		});
	}

	it('is allowed once per application: a second reschedule is refused', async () => {
		const {
			date,
			slots: [first, second, third]
		} = await officeWithSlots('Asia/Jakarta', 3, 2);
		const person = await paidApplicant(first!.id);
		pinClock(officeInstant(dayBefore(date), '10:00', 'Asia/Jakarta'));
		const moved = await person.caller.reschedule.move({
			bookingId: person.bookingId,
			newSlotId: second!.id
		});
		const history = await changesOf(person.bookingId);
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({
			kind: 'reschedule',
			newBookingId: moved.bookingId,
			fromSlotId: first!.id,
			toSlotId: second!.id,
			actorId: person.person.id,
			actorRole: 'applicant'
		});
		const detail = await person.caller.reschedule.detail({ bookingId: moved.bookingId });
		expect(detail.reschedule).toMatchObject({ allowed: false, reason: 'reschedule_used' });
		await expectRefusal(
			person.caller.reschedule.move({ bookingId: moved.bookingId, newSlotId: third!.id }),
			'CONFLICT',
			'reschedule_used'
		);
		// The old booking is over: moving it again is refused too, and nothing changed.
		await expectRefusal(
			person.caller.reschedule.move({ bookingId: person.bookingId, newSlotId: third!.id }),
			'CONFLICT',
			'reschedule_not_paid'
		);
		expect(await seatsTaken(second!.id)).toBe(1);
		expect(await seatsTaken(third!.id)).toBe(0);
	});

	it('into a full slot is refused and the old slot is kept', async () => {
		const {
			slots: [first, second]
		} = await officeWithSlots('Asia/Makassar', 2, 1);
		const person = await paidApplicant(first!.id);
		await paidApplicant(second!.id);
		await expectRefusal(
			person.caller.reschedule.move({ bookingId: person.bookingId, newSlotId: second!.id }),
			'CONFLICT',
			'reschedule_slot_full'
		);
		expect(await bookingRow(person.bookingId)).toMatchObject({ status: 'paid', slotId: first!.id });
		expect(await seatsTaken(first!.id)).toBe(1);
		expect(await seatsTaken(second!.id)).toBe(1);
		expect(await changesOf(person.bookingId)).toHaveLength(0);
		// The refusal did not use up the one reschedule.
		const detail = await person.caller.reschedule.detail({ bookingId: person.bookingId });
		expect(detail.reschedule.allowed).toBe(true);
	});

	it('gives the last seat to one of two people moving at once; the other keeps the old seat', async () => {
		const office = await freshOffice('Asia/Jakarta');
		const date = dateInDays(3);
		const { release } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 2,
			opensAt: new Date(Date.now() - 1_000),
			date
		});
		const database = await db();
		const [from] = await database.select().from(slots).where(eq(slots.releaseId, release.id));
		// A second slot with one seat, added beside the first.
		const [to] = await database
			.insert(slots)
			.values({
				...from!,
				id: undefined,
				startTime: '13:00',
				endTime: '14:00',
				startsAt: new Date(from!.startsAt.getTime() + 6 * 3_600_000),
				endsAt: new Date(from!.endsAt.getTime() + 6 * 3_600_000),
				capacity: 1,
				booked: 0
			})
			.returning();
		const first = await paidApplicant(from!.id);
		const second = await paidApplicant(from!.id);
		const outcomes = await Promise.allSettled([
			first.caller.reschedule.move({ bookingId: first.bookingId, newSlotId: to!.id }),
			second.caller.reschedule.move({ bookingId: second.bookingId, newSlotId: to!.id })
		]);
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
		const refused = outcomes.find((outcome) => outcome.status === 'rejected');
		expect((refused as PromiseRejectedResult).reason).toMatchObject({
			key: 'reschedule_slot_full'
		});
		expect(await seatsTaken(from!.id)).toBe(1);
		expect(await seatsTaken(to!.id)).toBe(1);
		const statuses = [
			(await bookingRow(first.bookingId))!.status,
			(await bookingRow(second.bookingId))!.status
		].sort();
		expect(statuses).toEqual(['paid', 'rescheduled']);
	});

	it('stays within the same office and passport kind, and refuses unpaid holds', async () => {
		const {
			slots: [first]
		} = await officeWithSlots('Asia/Jakarta', 1, 2);
		const elsewhere = await officeWithSlots('Asia/Jakarta', 1, 2);
		const person = await paidApplicant(first!.id);
		await expectRefusal(
			person.caller.reschedule.move({
				bookingId: person.bookingId,
				newSlotId: elsewhere.slots[0]!.id
			}),
			'BAD_REQUEST',
			'reschedule_slot_invalid'
		);
		await expectRefusal(
			person.caller.reschedule.move({ bookingId: person.bookingId, newSlotId: first!.id }),
			'CONFLICT',
			'reschedule_same_slot'
		);
		// Another account's booking reads as missing.
		const stranger = await quickAccount();
		await expectRefusal(
			(await stranger.browser.caller()).reschedule.move({
				bookingId: person.bookingId,
				newSlotId: elsewhere.slots[0]!.id
			}),
			'NOT_FOUND',
			'booking_not_found'
		);
	});
});

describe('cancelling', () => {
	it('frees a paid seat at once and the next person in the waiting room books it', async () => {
		const {
			release,
			date,
			slots: [slot]
		} = await officeWithSlots('Asia/Jayapura', 1, 1);
		const holder = await paidApplicant(slot!.id);

		const next = await quickAccount();
		const nextApplication = await submittedApplication(next.id);
		const nextCaller = await next.browser.caller();
		await nextCaller.waitingRoom.join({
			releaseId: release.id,
			applicationIds: [nextApplication.id]
		});
		const soldOut = await waitFor(async () => {
			const view = await nextCaller.waitingRoom.status({ releaseId: release.id });
			return view.soldOut ? view : null;
		});
		expect(soldOut.place).toBe('waiting');

		await holder.caller.reschedule.cancel({ bookingId: holder.bookingId });
		expect(await bookingRow(holder.bookingId)).toMatchObject({ status: 'cancelled' });
		expect(await seatsTaken(slot!.id)).toBe(0);
		// Paid and cancelled: the fee is not refunded, the application is over.
		expect(await applicationStatus(holder.application.id)).toBe('cancelled');
		expect(await changesOf(holder.bookingId)).toMatchObject([
			{ kind: 'cancel', actorRole: 'applicant', actorId: holder.person.id }
		]);
		await expectRefusal(
			holder.caller.reschedule.cancel({ bookingId: holder.bookingId }),
			'CONFLICT',
			'cancel_not_allowed'
		);

		const admitted = await waitFor(
			async () => {
				const view = await nextCaller.waitingRoom.status({ releaseId: release.id });
				return view.place === 'admitted' ? view : null;
			},
			20_000,
			'the next person admitted'
		);
		const [freeSlot] = await nextCaller.booking.slots({
			releaseId: release.id,
			date,
			...ELEKTRONIK_REGULER
		});
		expect(freeSlot).toMatchObject({ id: slot!.id, free: 1 });
		const booked = await nextCaller.booking.attempt({
			attemptId: randomUUID(),
			token: admitted.admission!.token,
			slotId: slot!.id,
			applicationIds: [nextApplication.id]
		});
		expect(booked.state).toBe('booked');
		expect(await seatsTaken(slot!.id)).toBe(1);
	});

	it('is refused once the appointment has begun', async () => {
		const {
			slots: [slot]
		} = await officeWithSlots('Asia/Jakarta', 1, 1);
		const holder = await paidApplicant(slot!.id);
		pinClock(new Date(slot!.startsAt.getTime() + 60_000));
		await expectRefusal(
			holder.caller.reschedule.cancel({ bookingId: holder.bookingId }),
			'CONFLICT',
			'cancel_too_late'
		);
		expect(await seatsTaken(slot!.id)).toBe(1);
	});
});

describe('office staff', () => {
	it('record a no-show after the appointment time, with a reason', async () => {
		const {
			staff,
			date,
			slots: [slot]
		} = await officeWithSlots('Asia/Makassar', 1, 2);
		const person = await paidApplicant(slot!.id);
		await expectInvalid(staff.inbox.noShow({ bookingId: person.bookingId, reason: ' ' }));
		await expectRefusal(
			staff.inbox.noShow({ bookingId: person.bookingId, reason: 'Tidak datang' }),
			'CONFLICT',
			'inbox_no_show_too_early'
		);
		pinClock(new Date(slot!.endsAt.getTime() + 60_000));
		const day = await staff.inbox.day({ date });
		expect(day.entries).toMatchObject([{ id: person.bookingId, noShowAllowed: true }]);
		await staff.inbox.noShow({
			bookingId: person.bookingId,
			reason: 'Tidak datang sampai loket tutup'
		});
		expect(await bookingRow(person.bookingId)).toMatchObject({ status: 'no_show' });
		expect(await changesOf(person.bookingId)).toMatchObject([
			{ kind: 'no_show', actorRole: 'staff', reason: 'Tidak datang sampai loket tutup' }
		]);
		// The seat of a past appointment is not given back.
		expect(await seatsTaken(slot!.id)).toBe(1);
	});

	it('do a special reschedule with a reason, past the once and H-1 rules', async () => {
		const {
			staff,
			date,
			slots: [first, second, third]
		} = await officeWithSlots('Asia/Jayapura', 3, 2);
		const person = await paidApplicant(first!.id);
		pinClock(officeInstant(dayBefore(date), '08:00', 'Asia/Jayapura'));
		const moved = await person.caller.reschedule.move({
			bookingId: person.bookingId,
			newSlotId: second!.id
		});
		// On the day itself, after the applicant's one reschedule: staff may still move it.
		pinClock(officeInstant(date, '06:00', 'Asia/Jayapura'));
		await expectInvalid(
			staff.inbox.specialReschedule({
				bookingId: moved.bookingId,
				newSlotId: third!.id,
				category: 'illness',
				reason: ''
			})
		);
		const free = await staff.inbox.freeSlots({ date, ...ELEKTRONIK_REGULER });
		expect(free.map((slot) => slot.id)).toContain(third!.id);
		const special = await staff.inbox.specialReschedule({
			bookingId: moved.bookingId,
			newSlotId: third!.id,
			category: 'system_failure',
			reason: 'Server perekaman mati seharian'
		});
		expect(await bookingRow(special.bookingId)).toMatchObject({
			status: 'paid',
			slotId: third!.id
		});
		expect(await bookingRow(moved.bookingId)).toMatchObject({ status: 'rescheduled' });
		expect(await changesOf(moved.bookingId)).toMatchObject([
			{
				kind: 'special_reschedule',
				category: 'system_failure',
				reason: 'Server perekaman mati seharian',
				actorRole: 'staff',
				newBookingId: special.bookingId
			}
		]);
		expect([
			await seatsTaken(first!.id),
			await seatsTaken(second!.id),
			await seatsTaken(third!.id)
		]).toEqual([0, 0, 1]);
		// Special reschedules do not count against the applicant's one.
		const inbox = await staff.inbox.day({ date });
		expect(inbox.entries.map((entry) => entry.id)).toEqual([special.bookingId]);
		expect(inbox.entries[0]).toMatchObject({
			rescheduled: true,
			letterUrl: `/api/bookings/${special.bookingId}/letter`
		});
	});

	it('of another office are refused and do not see its applications', async () => {
		const {
			date,
			slots: [first, second]
		} = await officeWithSlots('Asia/Jakarta', 2, 2);
		const person = await paidApplicant(first!.id);
		const otherOffice = await freshOffice('Asia/Jakarta');
		const outsider = await staffOf(otherOffice.id);
		pinClock(new Date(first!.endsAt.getTime() + 60_000));
		await expectRefusal(
			outsider.inbox.noShow({ bookingId: person.bookingId, reason: 'Tidak datang' }),
			'NOT_FOUND',
			'booking_not_found'
		);
		await expectRefusal(
			outsider.inbox.specialReschedule({
				bookingId: person.bookingId,
				newSlotId: second!.id,
				category: 'illness',
				reason: 'Sakit, surat dokter'
			}),
			'NOT_FOUND',
			'booking_not_found'
		);
		expect((await outsider.inbox.day({ date })).entries).toEqual([]);
		expect(await bookingRow(person.bookingId)).toMatchObject({ status: 'paid', slotId: first!.id });
		// Applicants are not staff.
		await expectRefusal(person.caller.inbox.day({ date }), 'FORBIDDEN', 'forbidden');
	});
});
