import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { decideAttempt } from '../../src/lib/server/booking/decide';
import { enqueueAttempt } from '../../src/lib/server/booking/queue';
import { db } from '../../src/lib/server/db';
import { applications } from '../../src/lib/server/db/schema';
import {
	applicationStatus,
	countRows,
	ELEKTRONIK_REGULER,
	freshOffice,
	oneSlotOpenRelease,
	quickAccount,
	releaseWithSlots,
	submittedApplication,
	waitFor,
	type TestAccount
} from './booking-fixtures';
import { expectRefusal } from './refusal';

process.env.WAITING_ROOM_TICK_MS = '50';
process.env.ADMISSION_RATE_PER_SEC = '50';

async function admitted(person: TestAccount, releaseId: string, applicationIds: string[]) {
	const caller = await person.browser.caller();
	await caller.waitingRoom.join({ releaseId, applicationIds });
	const view = await waitFor(
		async () => {
			const current = await caller.waitingRoom.status({ releaseId });
			return current.place === 'admitted' ? current : null;
		},
		15_000,
		'admission'
	);
	return { caller, token: view.admission!.token };
}

describe('booking a slot', () => {
	it('books a family of three in one attempt and holds the seats until the payment deadline', async () => {
		const office = await freshOffice();
		const { release, date } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 2,
			capacity: 3,
			opensAt: new Date(Date.now() - 1_000)
		});
		const family = await quickAccount();
		const apps = await Promise.all([1, 2, 3].map(() => submittedApplication(family.id)));
		const { caller, token } = await admitted(
			family,
			release.id,
			apps.map((app) => app.id)
		);
		const [slot] = await caller.booking.slots({
			releaseId: release.id,
			date,
			...ELEKTRONIK_REGULER
		});

		const before = Date.now();
		const answer = await caller.booking.attempt({
			attemptId: randomUUID(),
			token,
			slotId: slot!.id,
			applicationIds: apps.map((app) => app.id)
		});
		expect(answer.state).toBe('booked');
		expect(answer.bookings).toHaveLength(3);
		for (const booking of answer.bookings) {
			expect(booking.slot).toMatchObject({ id: slot!.id, date });
			// The payment deadline is HOLD_MINUTES (120 by default) from the decision.
			const deadline = booking.expiresAt.getTime();
			expect(deadline).toBeGreaterThanOrEqual(before + 120 * 60_000 - 1_000);
			expect(deadline).toBeLessThanOrEqual(Date.now() + 120 * 60_000 + 1_000);
		}
		for (const app of apps) expect(await applicationStatus(app.id)).toBe('booked');
		const mine = await caller.booking.mine();
		expect(mine.map((booking) => booking.status)).toEqual(['held', 'held', 'held']);
		expect((await caller.waitingRoom.status({ releaseId: release.id })).place).toBe('booked');
		// Read from the table: the slot list applicants see may be a second old.
		expect(await countRows(sql`select booked as n from slots where id = ${slot!.id}`)).toBe(3);

		// Giving one hold back frees its seat and makes the application bookable again.
		await caller.booking.cancelHold({ bookingId: answer.bookings[0]!.id });
		expect(await applicationStatus(answer.bookings[0]!.applicationId)).toBe('submitted');
		expect(await countRows(sql`select booked as n from slots where id = ${slot!.id}`)).toBe(2);
		await expectRefusal(
			caller.booking.cancelHold({ bookingId: answer.bookings[0]!.id }),
			'CONFLICT',
			'booking_not_held'
		);
	});

	it('answers bad input clearly, leaves nothing half-booked and lets the person try again', async () => {
		const office = await freshOffice();
		const { release, date } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 2,
			capacity: 1,
			opensAt: new Date(Date.now() - 1_000)
		});
		const other = await releaseWithSlots({
			officeId: (await freshOffice()).id,
			slotCount: 1,
			capacity: 1,
			opensAt: new Date(Date.now() - 1_000)
		});
		const person = await quickAccount();
		const [first, second] = await Promise.all([
			submittedApplication(person.id),
			submittedApplication(person.id)
		]);
		const { caller, token } = await admitted(person, release.id, [first!.id, second!.id]);
		const [slot] = await caller.booking.slots({
			releaseId: release.id,
			date,
			...ELEKTRONIK_REGULER
		});
		const [foreignSlot] = await caller.booking.slots({
			releaseId: other.release.id,
			date: other.date,
			...ELEKTRONIK_REGULER
		});

		// A slot of another release: refused, with a fresh token for another try.
		const wrongSlot = await caller.booking.attempt({
			attemptId: randomUUID(),
			token,
			slotId: foreignSlot!.id,
			applicationIds: [first!.id]
		});
		expect(wrongSlot).toMatchObject({ state: 'refused', refusal: 'slot_not_in_release' });
		expect(wrongSlot.admission?.token).toBeTruthy();

		// Two people for a one-seat slot: all or nothing, so nothing.
		const tooMany = await caller.booking.attempt({
			attemptId: randomUUID(),
			token: wrongSlot.admission!.token,
			slotId: slot!.id,
			applicationIds: [first!.id, second!.id]
		});
		expect(tooMany).toMatchObject({ state: 'refused', refusal: 'slot_full' });
		expect(await applicationStatus(first!.id)).toBe('submitted');
		expect(await applicationStatus(second!.id)).toBe('submitted');
		expect(await countRows(sql`select booked as n from slots where id = ${slot!.id}`)).toBe(0);

		// An application that did not queue cannot ride along on the admission.
		const stowaway = await submittedApplication(person.id);
		await expectRefusal(
			caller.booking.attempt({
				attemptId: randomUUID(),
				token: tooMany.admission!.token,
				slotId: slot!.id,
				applicationIds: [stowaway.id]
			}),
			'FORBIDDEN',
			'application_not_in_place'
		);

		const booked = await caller.booking.attempt({
			attemptId: randomUUID(),
			token: tooMany.admission!.token,
			slotId: slot!.id,
			applicationIds: [first!.id]
		});
		expect(booked.state).toBe('booked');

		// A draft cannot queue; neither can an application that is already booked.
		const draft = await submittedApplication(person.id);
		await (
			await db()
		).execute(sql`update applications set status = 'draft' where id = ${draft.id}`);
		const newcomer = await quickAccount();
		const mine = await submittedApplication(newcomer.id);
		const newcomerCaller = await newcomer.browser.caller();
		await expectRefusal(
			caller.waitingRoom.join({ releaseId: release.id, applicationIds: [draft.id] }),
			'CONFLICT',
			'application_not_submitted'
		);
		await expectRefusal(
			newcomerCaller.waitingRoom.join({ releaseId: release.id, applicationIds: [first!.id] }),
			'NOT_FOUND',
			'booking_application_not_found'
		);
		expect(
			(await newcomerCaller.waitingRoom.join({ releaseId: release.id, applicationIds: [mine.id] }))
				.place
		).not.toBe('none');
	});

	it('decides 300 parallel attempts for 30 seats with exactly 30 bookings', async () => {
		const office = await freshOffice();
		const { release } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 30,
			capacity: 1,
			opensAt: new Date(Date.now() - 1_000)
		});
		const slotIds = [
			...(await (
				await db()
			).execute<{ id: string }>(
				sql`select id from slots where release_id = ${release.id} order by start_time`
			))
		].map((row) => row.id);
		expect(slotIds).toHaveLength(30);
		const accounts = await Promise.all(Array.from({ length: 300 }, () => quickAccount('massa')));
		const apps = await Promise.all(accounts.map((account) => submittedApplication(account.id)));

		const attemptIds = accounts.map(() => randomUUID());
		await Promise.all(
			accounts.map((account, index) =>
				enqueueAttempt({
					attemptId: attemptIds[index]!,
					accountId: account.id,
					releaseId: release.id,
					officeId: office.id,
					slotId: slotIds[index % 30]!,
					applicationIds: [apps[index]!.id],
					tokenId: `t-${attemptIds[index]}`
				})
			)
		);
		await waitFor(
			async () =>
				(await countRows(
					sql`select count(*) as n from booking_attempts where release_id = ${release.id}`
				)) === 300,
			60_000,
			'300 decisions'
		);
		expect(
			await countRows(sql`select count(*) as n from bookings where release_id = ${release.id}`)
		).toBe(30);
		expect(
			await countRows(
				sql`select count(*) as n from booking_attempts where release_id = ${release.id} and outcome = 'booked'`
			)
		).toBe(30);
		expect(
			await countRows(
				sql`select count(*) as n from booking_attempts where release_id = ${release.id} and refusal = 'slot_full'`
			)
		).toBe(270);
		expect(
			await countRows(
				sql`select count(*) as n from slots where release_id = ${release.id} and booked = 1`
			)
		).toBe(30);
		const booked = await (
			await db()
		)
			.select({ id: applications.id })
			.from(applications)
			.where(
				sql`${applications.status} = 'booked' and ${applications.id} in ${apps.map((app) => app.id)}`
			);
		expect(booked).toHaveLength(30);
	});

	it('returns the first decision to a redelivered attempt, even after the seats changed', async () => {
		const { slotId, attempt: job } = await oneSlotOpenRelease(1);
		const options = { holdMinutes: 120, decidedBy: 'test' };
		const winner = await job();
		const loser = await job();
		const first = await decideAttempt(await db(), winner, options);
		const refused = await decideAttempt(await db(), loser, options);
		expect(first.outcome).toBe('booked');
		expect(refused).toMatchObject({ outcome: 'refused', refusal: 'slot_full' });

		// Delivered again: the same holds, not new ones.
		expect(await decideAttempt(await db(), winner, options)).toEqual(first);
		// The seat comes free; the refused attempt, delivered again, is still refused.
		await (
			await db()
		).execute(sql`update bookings set status = 'cancelled' where attempt_id = ${winner.attemptId}`);
		await (await db()).execute(sql`update slots set booked = 0 where id = ${slotId}`);
		expect(await decideAttempt(await db(), loser, options)).toEqual(refused);
		expect(await countRows(sql`select booked as n from slots where id = ${slotId}`)).toBe(0);
	});
});
