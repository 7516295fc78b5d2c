/**
 * "Book for me when my turn comes": a waiting person's standing choice is booked for them at
 * their admission, by the room and the booking worker, with no call from their browser.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { decideAttempt } from '../../src/lib/server/booking/decide';
import { decideAttempts } from '../../src/lib/server/booking/decide-batch';
import { bookingQueue } from '../../src/lib/server/booking/queue';
import { db } from '../../src/lib/server/db';
import { queueMadeAttempts } from '../../src/lib/server/waiting-room/made-attempts';
import { drawRoom } from '../../src/lib/server/waiting-room/admitter';
import { roomRedis } from '../../src/lib/server/waiting-room/connection';
import { roomKeys, roomsKey } from '../../src/lib/server/waiting-room/keys';
import { admitStep, madeAttempts } from '../../src/lib/server/waiting-room/room';
import {
	accountWithApplications,
	applicationStatus,
	countRows,
	fillSlot,
	quickAccount,
	releaseWithSlotIds,
	waitFor
} from './booking-fixtures';
import { expectInvalid, expectRefusal } from './refusal';

process.env.WAITING_ROOM_TICK_MS = '50';
process.env.ADMISSION_RATE_PER_SEC = '50';

const options = { holdMinutes: 120, decidedBy: 'auto-test' };

const person = (applications = 1) => accountWithApplications(applications);

describe('deciding an attempt with choices', () => {
	it('books the first choice with seats for everyone, else any free slot, earliest first', async () => {
		const { office, release, slotIds } = await releaseWithSlotIds(4, 2);
		const [first, second, third, fourth] = slotIds as [string, string, string, string];
		await fillSlot(first);
		const base = async (people: number) => {
			const { account, applicationIds } = await person(people);
			return {
				attemptId: randomUUID(),
				accountId: account.id,
				releaseId: release.id,
				officeId: office.id,
				applicationIds,
				tokenId: randomUUID()
			};
		};
		const choosy = { ...(await base(1)), slotIds: [first, fourth], anySlot: false };
		const flexible = { ...(await base(2)), slotIds: [first], anySlot: true };
		const anything = { ...(await base(2)), slotIds: [], anySlot: true };
		const unlucky = { ...(await base(1)), slotIds: [first], anySlot: false };
		const late = { ...(await base(2)), slotIds: [], anySlot: true };

		const decisions = await decideAttempts(
			await db(),
			[choosy, flexible, anything, unlucky, late],
			options
		);
		const slotOf = (index: number) => decisions[index]!.bookings[0]?.slotId;
		expect(decisions.map((decision) => decision.refusal ?? decision.outcome)).toEqual([
			'booked',
			'booked',
			'booked',
			'slot_full',
			'no_free_slot'
		]);
		// The second choice, then the earliest free slots in order, the whole family in one.
		expect(slotOf(0)).toBe(fourth);
		expect(decisions[1]!.bookings.map((booking) => booking.slotId)).toEqual([second, second]);
		expect(slotOf(2)).toBe(third);
		expect(
			await countRows(sql`select sum(booked)::int as n from slots where release_id = ${release.id}`)
		).toBe(2 + 1 + 2 + 2);
		for (const id of late.applicationIds) expect(await applicationStatus(id)).toBe('submitted');
		// A redelivery, singly, gets the same decision with the slot it booked.
		expect(await decideAttempt(await db(), choosy, options)).toEqual(decisions[0]);
	});

	it('names the first choice’s reason, unless a later one was merely full', async () => {
		const { office, release, slotIds } = await releaseWithSlotIds(2, 1);
		const other = await releaseWithSlotIds(1, 1);
		await fillSlot(slotIds[1]!);
		const { account, applicationIds } = await person();
		const attempt = (slots: string[]) => ({
			attemptId: randomUUID(),
			accountId: account.id,
			releaseId: release.id,
			officeId: office.id,
			slotIds: slots,
			anySlot: false,
			applicationIds,
			tokenId: randomUUID()
		});
		const [foreign, foreignThenFull] = await decideAttempts(
			await db(),
			[attempt([other.slotIds[0]!]), attempt([other.slotIds[0]!, slotIds[1]!])],
			options
		);
		expect(foreign!.refusal).toBe('slot_not_in_release');
		expect(foreignThenFull!.refusal).toBe('slot_full');
	});

	it('waits for a free slot another decision holds locked rather than refusing “any slot”', async () => {
		const { office, release, slotIds } = await releaseWithSlotIds(2, 1);
		const [first, second] = slotIds as [string, string];
		await fillSlot(first);
		const { account, applicationIds } = await person();
		let signalLocked!: () => void;
		let unlock!: () => void;
		const locked = new Promise<void>((resolve) => (signalLocked = resolve));
		const unlocked = new Promise<void>((resolve) => (unlock = resolve));
		// Another batch in flight: it holds the only free slot and, as it turns out, leaves its seat.
		const otherDecision = (await db())
			.transaction(async (tx) => {
				await tx.execute(sql`select id from slots where id = ${second} for update`);
				signalLocked();
				await unlocked;
				tx.rollback();
			})
			.catch(() => {});
		await locked;
		const decision = decideAttempt(
			await db(),
			{
				attemptId: randomUUID(),
				accountId: account.id,
				releaseId: release.id,
				officeId: office.id,
				slotIds: [],
				anySlot: true,
				applicationIds,
				tokenId: randomUUID()
			},
			options
		);
		const settled = await Promise.race([
			decision.then(() => 'decided'),
			new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))
		]);
		expect(settled).toBe('waiting');
		unlock();
		await otherDecision;
		const decided = await decision;
		expect(decided.outcome).toBe('booked');
		expect(decided.bookings[0]!.slotId).toBe(second);
	});
});

describe('booking for a waiting person when their turn comes', () => {
	it('books the chosen slot at the opening with no call from the browser', async () => {
		const { release, slotIds } = await releaseWithSlotIds(3, 1, new Date(Date.now() + 2_500));
		const [first, second] = slotIds as [string, string];
		const { account, applicationIds } = await person();
		const caller = await account.browser.caller();
		await caller.waitingRoom.join({ releaseId: release.id, applicationIds });

		const chosen = await caller.waitingRoom.choose({
			releaseId: release.id,
			slotIds: [first, second],
			anySlot: false
		});
		expect(chosen!.slots.map((slot) => slot.id)).toEqual([first, second]);
		expect(chosen!.anySlot).toBe(false);
		expect(await caller.waitingRoom.chosen({ releaseId: release.id })).toEqual(chosen);
		expect((await caller.waitingRoom.status({ releaseId: release.id })).choice).toEqual({
			slotIds: [first, second],
			anySlot: false
		});
		// The first choice fills before the opening: the second is booked.
		await fillSlot(first);

		const booked = await waitFor(
			async () => {
				const view = await caller.waitingRoom.status({ releaseId: release.id });
				return view.place === 'booked' ? view : null;
			},
			15_000,
			'the booking made at admission'
		);
		expect(booked.choice).toBeNull();
		expect(booked.autoAttempt).toEqual({
			attemptId: expect.any(String),
			pending: false,
			sequence: 1
		});
		const [hold] = await caller.booking.mine();
		expect(hold).toMatchObject({ applicationId: applicationIds[0], status: 'held' });
		const result = await caller.booking.result({ attemptId: booked.autoAttempt!.attemptId });
		expect(result.state).toBe('booked');
		expect(result.bookings[0]!.slot.id).toBe(second);
	});

	it('gives the turn back for a choice by hand when every choice is full', async () => {
		const { release, slotIds } = await releaseWithSlotIds(2, 1, new Date(Date.now() + 2_000));
		const [first, second] = slotIds as [string, string];
		const { account, applicationIds } = await person();
		const caller = await account.browser.caller();
		await caller.waitingRoom.join({ releaseId: release.id, applicationIds });
		await caller.waitingRoom.choose({ releaseId: release.id, slotIds: [first], anySlot: false });
		await fillSlot(first);

		const view = await waitFor(
			async () => {
				const current = await caller.waitingRoom.status({ releaseId: release.id });
				return current.place === 'admitted' && current.autoAttempt?.pending === false
					? current
					: null;
			},
			15_000,
			'the refused attempt and a fresh turn'
		);
		const refused = await caller.booking.result({ attemptId: view.autoAttempt!.attemptId });
		expect(refused).toMatchObject({ state: 'refused', refusal: 'slot_full' });
		const answer = await caller.booking.attempt({
			attemptId: randomUUID(),
			token: view.admission!.token,
			slotId: second,
			applicationIds
		});
		expect(answer.state).toBe('booked');
	});

	it('refuses a choice of another release’s slot, of another kind, too many, or after the turn', async () => {
		const { release, slotIds } = await releaseWithSlotIds(1, 1, new Date(Date.now() + 60_000));
		const other = await releaseWithSlotIds(1, 1);
		const { account, applicationIds } = await person();
		const caller = await account.browser.caller();
		await expectRefusal(
			caller.waitingRoom.choose({ releaseId: release.id, slotIds, anySlot: false }),
			'CONFLICT',
			'choice_not_allowed'
		);
		await caller.waitingRoom.join({ releaseId: release.id, applicationIds });
		await expectRefusal(
			caller.waitingRoom.choose({
				releaseId: release.id,
				slotIds: other.slotIds,
				anySlot: false
			}),
			'NOT_FOUND',
			'slot_not_in_release'
		);
		const fields = await expectInvalid(
			caller.waitingRoom.choose({
				releaseId: release.id,
				slotIds: Array.from({ length: 4 }, () => randomUUID()),
				anySlot: true
			})
		);
		expect(fields.slotIds).toEqual(['choice_too_many']);
		// Someone else's session cannot read or change this person's choice.
		await caller.waitingRoom.choose({ releaseId: release.id, slotIds, anySlot: true });
		const stranger = await (await quickAccount('lain')).browser.caller();
		expect(await stranger.waitingRoom.chosen({ releaseId: release.id })).toBeNull();
		// Clearing it keeps the place.
		expect(
			await caller.waitingRoom.choose({ releaseId: release.id, slotIds: [], anySlot: false })
		).toBeNull();
		expect((await caller.waitingRoom.status({ releaseId: release.id })).place).toBe('pre_queue');
	});

	it('queues an attempt made at admission once, even when queued again after a crash', async () => {
		const { office, release, slotIds } = await releaseWithSlotIds(
			1,
			2,
			new Date(Date.now() + 60_000)
		);
		const { account, applicationIds } = await person();
		const caller = await account.browser.caller();
		await caller.waitingRoom.join({ releaseId: release.id, applicationIds });
		await caller.waitingRoom.choose({ releaseId: release.id, slotIds, anySlot: false });
		// The room is opened and admitted by hand here, out of the running admitter's list.
		await roomRedis().srem(roomsKey(), release.id);
		await (
			await db()
		).execute(
			sql`update quota_releases set opens_at = now() - interval '1 second' where id = ${release.id}`
		);
		await roomRedis().hset(roomKeys(release.id)[0]!, 'opensAt', Date.now() - 1_000);
		expect(await drawRoom(release.id)).toBe(true);
		// The first step starts the room's clock; a later one admits at the rate.
		const made = await waitFor(
			async () => {
				await admitStep(release.id, 2, [randomUUID()], [randomUUID()]);
				const found = await madeAttempts(release.id, 10);
				return found.length > 0 ? found : null;
			},
			5_000,
			'an attempt made at admission'
		);
		expect(made).toHaveLength(1);
		// As if the process died after queueing and before forgetting: queued twice, decided once.
		await bookingQueue(office.id).add(
			'decide',
			{
				attemptId: made[0]!.attemptId,
				accountId: account.id,
				releaseId: release.id,
				officeId: office.id,
				slotIds,
				anySlot: false,
				applicationIds,
				tokenId: made[0]!.tokenId
			},
			{ jobId: made[0]!.attemptId }
		);
		await queueMadeAttempts({ id: release.id, officeId: office.id });
		expect(await madeAttempts(release.id, 10)).toEqual([]);
		await waitFor(
			async () => (await caller.waitingRoom.status({ releaseId: release.id })).place === 'booked',
			15_000,
			'the booking'
		);
		expect(
			await countRows(
				sql`select count(*)::int as n from booking_attempts where account_id = ${account.id}`
			)
		).toBe(1);
		expect(await countRows(sql`select booked as n from slots where id = ${slotIds[0]}`)).toBe(1);
	});
});
