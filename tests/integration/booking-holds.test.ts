import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { holdsQueue, scheduleHoldSweep } from '../../src/lib/server/booking/holds';
import {
	applicationStatus,
	countRows,
	ELEKTRONIK_REGULER,
	freshOffice,
	quickAccount,
	releaseWithSlots,
	submittedApplication,
	waitFor
} from './booking-fixtures';

// Holds of three seconds, and a sweep every second, so expiry happens within the test.
process.env.HOLD_MINUTES = '0.05';
process.env.HOLD_SWEEP_SECONDS = '1';
process.env.WAITING_ROOM_TICK_MS = '50';
process.env.ADMISSION_RATE_PER_SEC = '50';

async function queue(releaseId: string) {
	const person = await quickAccount();
	const application = await submittedApplication(person.id);
	const caller = await person.browser.caller();
	await caller.waitingRoom.join({ releaseId, applicationIds: [application.id] });
	return { person, application, caller };
}

describe('holds', () => {
	it('expire unpaid, give the seat back, and the next person in the room books it', async () => {
		const office = await freshOffice();
		const { release, date } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 1,
			opensAt: new Date(Date.now() - 1_000)
		});
		const first = await queue(release.id);
		const firstView = await waitFor(async () => {
			const view = await first.caller.waitingRoom.status({ releaseId: release.id });
			return view.place === 'admitted' ? view : null;
		});
		const second = await queue(release.id);
		const [slot] = await first.caller.booking.slots({
			releaseId: release.id,
			date,
			...ELEKTRONIK_REGULER
		});
		const held = await first.caller.booking.attempt({
			attemptId: randomUUID(),
			token: firstView.admission!.token,
			slotId: slot!.id,
			applicationIds: [first.application.id]
		});
		expect(held.state).toBe('booked');

		// The only seat is held: the next person is told the quota is gone, and keeps the place.
		const waiting = await waitFor(async () => {
			const view = await second.caller.waitingRoom.status({ releaseId: release.id });
			return view.soldOut ? view : null;
		});
		expect(waiting).toMatchObject({ place: 'waiting', ahead: 0, soldOut: true });

		// Three seconds later the unpaid hold expires and the seat goes back to the pool.
		const admittedSecond = await waitFor(
			async () => {
				const view = await second.caller.waitingRoom.status({ releaseId: release.id });
				return view.place === 'admitted' ? view : null;
			},
			20_000,
			'the next person admitted'
		);
		expect(await applicationStatus(first.application.id)).toBe('submitted');
		const rebooked = await second.caller.booking.attempt({
			attemptId: randomUUID(),
			token: admittedSecond.admission!.token,
			slotId: slot!.id,
			applicationIds: [second.application.id]
		});
		expect(rebooked.state).toBe('booked');
		expect(
			await countRows(
				sql`select count(*) as n from bookings where slot_id = ${slot!.id} and status = 'expired'`
			)
		).toBe(1);
		expect(
			await countRows(
				sql`select count(*) as n from bookings where slot_id = ${slot!.id} and status = 'held'`
			)
		).toBe(1);
		expect(await countRows(sql`select booked as n from slots where id = ${slot!.id}`)).toBe(1);
	});

	it('are swept even when their delayed expiry job was lost', async () => {
		const office = await freshOffice();
		const { release, date } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 2,
			opensAt: new Date(Date.now() - 1_000)
		});
		const person = await queue(release.id);
		const view = await waitFor(async () => {
			const current = await person.caller.waitingRoom.status({ releaseId: release.id });
			return current.place === 'admitted' ? current : null;
		});
		const [slot] = await person.caller.booking.slots({
			releaseId: release.id,
			date,
			...ELEKTRONIK_REGULER
		});
		const attemptId = randomUUID();
		const held = await person.caller.booking.attempt({
			attemptId,
			token: view.admission!.token,
			slotId: slot!.id,
			applicationIds: [person.application.id]
		});
		expect(held.state).toBe('booked');
		// As if Redis lost it: the delayed job is gone, only the sweep is left.
		const job = await waitFor(
			async () => (await holdsQueue().getJob(`expire-${attemptId}`)) ?? null
		);
		await job.remove();
		await waitFor(
			async () => {
				// Every test file's start sets the one shared sweep schedule to its own period (60 s
				// by default); this file's one-second period is set again if another file changed it.
				const schedule = await holdsQueue().getJobScheduler('hold-sweep');
				if (schedule?.every !== 1_000) await scheduleHoldSweep(1);
				return (await applicationStatus(person.application.id)) === 'submitted';
			},
			20_000,
			'the sweep'
		);
		expect(await countRows(sql`select booked as n from slots where id = ${slot!.id}`)).toBe(0);
	});
});
