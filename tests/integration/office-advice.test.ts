import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { officeAdvice } from '../../src/lib/domain/office-advice';
import { db } from '../../src/lib/server/db';
import { bookingAttempts, bookings, slots } from '../../src/lib/server/db/schema';
import { joinRoom } from '../../src/lib/server/waiting-room/room';
import {
	dateInDays,
	freshOffice,
	quickAccount,
	releaseWithSlots,
	submittedApplication
} from './booking-fixtures';
import { FakeBrowser } from './harness';

const MINUTE = 60_000;

/** A seat taken `minutesAfter` the release opened, as the booking worker would leave it. */
async function seatTaken(
	release: { id: string; opensAt: Date },
	slotId: string,
	minutesAfter: number
) {
	const database = await db();
	const account = await quickAccount();
	const application = await submittedApplication(account.id);
	const at = new Date(release.opensAt.getTime() + minutesAfter * MINUTE);
	const attemptId = randomUUID();
	await database.insert(bookingAttempts).values({
		id: attemptId,
		accountId: account.id,
		releaseId: release.id,
		slotId,
		applicationIds: [application.id],
		tokenId: randomUUID(),
		outcome: 'booked',
		decidedBy: 'test',
		decidedAt: at
	});
	const [slot] = await database.select().from(slots).where(eq(slots.id, slotId));
	await database.insert(bookings).values({
		attemptId,
		applicationId: application.id,
		accountId: account.id,
		slotId,
		releaseId: release.id,
		officeId: slot!.officeId,
		// Still held when the advice is read: a hold past its deadline could be swept meanwhile.
		expiresAt: new Date(Date.now() + 60 * MINUTE),
		createdAt: at
	});
	await database
		.update(slots)
		.set({ booked: sql`${slots.booked} + 1` })
		.where(eq(slots.id, slotId));
}

async function releaseSlots(releaseId: string) {
	return (await db()).select().from(slots).where(eq(slots.releaseId, releaseId));
}

describe('when should I apply?', () => {
	it('reads sell-out minutes, the waiting room and free days from real rows', async () => {
		const office = await freshOffice('Asia/Makassar');
		const zone = office.timeZone;
		const past = await releaseWithSlots({
			officeId: office.id,
			slotCount: 2,
			capacity: 1,
			opensAt: new Date(Date.now() - 3 * 60 * MINUTE),
			date: dateInDays(2, zone)
		});
		const [first, second] = await releaseSlots(past.release.id);
		await seatTaken(past.release, first!.id, 4);
		await seatTaken(past.release, second!.id, 12);

		const current = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 5,
			opensAt: new Date(Date.now() - 10 * MINUTE),
			date: dateInDays(3, zone)
		});
		const [open] = await releaseSlots(current.release.id);
		await seatTaken(current.release, open!.id, 1);
		// Not opened yet: its seats are not for the taking, so no day of it is shown.
		await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 9,
			opensAt: new Date(Date.now() + 60 * MINUTE),
			date: dateInDays(4, zone)
		});

		const anonymous = await new FakeBrowser().caller();
		const before = await anonymous.offices.byCode({ code: office.code });
		expect(before.advice.waitingNow).toBeNull();

		const room = { ...current.release, officeId: office.id, admissionRate: null };
		for (let index = 0; index < 3; index++) {
			await joinRoom(room, randomUUID(), [{ id: randomUUID(), nik: `33${index}`.padEnd(16, '5') }]);
		}

		const { advice } = await anonymous.offices.byCode({ code: office.code });
		expect(advice.releases).toEqual([
			{
				releaseId: current.release.id,
				label: current.release.label,
				opensAt: current.release.opensAt.getTime(),
				capacity: 5,
				minutesToSellOut: null
			},
			{
				releaseId: past.release.id,
				label: past.release.label,
				opensAt: past.release.opensAt.getTime(),
				capacity: 2,
				minutesToSellOut: 12
			}
		]);
		expect(advice.waitingNow).toBe(3);
		expect(advice.days).toEqual([
			{ date: dateInDays(2, zone), free: 0 },
			{ date: dateInDays(3, zone), free: 4 }
		]);
		expect(officeAdvice(advice)).toEqual([
			{ kind: 'queue_now', waiting: 3 },
			{ kind: 'not_sold_out' },
			{ kind: 'free_days', days: 1 }
		]);
	});

	it('has nothing to say for an office without releases', async () => {
		const office = await freshOffice();
		const { advice } = await (
			await new FakeBrowser().caller()
		).offices.byCode({
			code: office.code
		});
		expect(advice).toEqual({ releases: [], waitingNow: null, days: [] });
	});
});
