import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redis } from '../../src/lib/server/redis';
import { roomKeys } from '../../src/lib/server/waiting-room/keys';
import { signAdmissionToken } from '../../src/lib/server/waiting-room/tokens';
import {
	adminCaller,
	freshOffice,
	quickAccount,
	releaseWithSlots,
	submittedApplication,
	waitFor,
	type TestAccount
} from './booking-fixtures';
import { expectRefusal } from './refusal';

// Quick ticks and a brisk default rate keep these tests short; the rules do not change.
process.env.WAITING_ROOM_TICK_MS = '50';
process.env.ADMISSION_RATE_PER_SEC = '40';

async function queuer(): Promise<TestAccount & { applicationId: string }> {
	const account = await quickAccount();
	const application = await submittedApplication(account.id);
	return { ...account, applicationId: application.id };
}

async function join(person: TestAccount & { applicationId: string }, releaseId: string) {
	return (await person.browser.caller()).waitingRoom.join({
		releaseId,
		applicationIds: [person.applicationId]
	});
}

async function admittedView(person: TestAccount, releaseId: string) {
	return waitFor(
		async () => {
			const view = await (await person.browser.caller()).waitingRoom.status({ releaseId });
			return view.place === 'admitted' ? view : null;
		},
		20_000,
		'admission'
	);
}

/** Accounts in the order the room admitted them, by each admission's sequence number. */
async function admissionOrder(releaseId: string): Promise<string[]> {
	const admitted = await redis().hgetall(roomKeys(releaseId)[7]!);
	return Object.entries(admitted)
		.map(([account, value]) => ({ account, sequence: Number(value.split('|')[2]) }))
		.sort((a, b) => a.sequence - b.sequence)
		.map((entry) => entry.account);
}

function spearman(a: number[], b: number[]): number {
	const n = a.length;
	const d2 = a.reduce((sum, value, index) => sum + (value - b[index]!) ** 2, 0);
	return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('the waiting room', () => {
	it('gives a second tab, a refresh and a second device the same place', async () => {
		const office = await freshOffice();
		const { release } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 10,
			opensAt: new Date(Date.now() + 60_000)
		});
		const person = await queuer();
		const first = await join(person, release.id);
		expect(first.place).toBe('pre_queue');
		expect(first.opensAt).toBe(release.opensAt.getTime());

		// Another tab of the same session, and another device with its own session.
		const again = await join(person, release.id);
		const otherDevice = await quickAccount();
		otherDevice.browser.token = person.browser.token;
		const fromOther = await (
			await otherDevice.browser.caller()
		).waitingRoom.status({ releaseId: release.id });
		expect(again.place).toBe('pre_queue');
		expect(fromOther.place).toBe('pre_queue');
		expect(await redis().scard(roomKeys(release.id)[1]!)).toBe(1);

		// The same person (NIK) cannot queue again through another account.
		const otherAccount = await quickAccount();
		const sameNik = await submittedApplication(
			otherAccount.id,
			undefined,
			(await nikOf(person)) ?? ''
		);
		await expectRefusal(
			(await otherAccount.browser.caller()).waitingRoom.join({
				releaseId: release.id,
				applicationIds: [sameNik.id]
			}),
			'CONFLICT',
			'nik_in_other_place'
		);
	});

	it('draws early arrivals into a random order at the opening, then serves first come, first served', async () => {
		const office = await freshOffice();
		const early = await Promise.all(Array.from({ length: 40 }, queuer));
		const late = await Promise.all(Array.from({ length: 15 }, queuer));
		const admin = await adminCaller();
		const opensAt = new Date(Date.now() + 4_000);
		const { release } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 200,
			opensAt
		});
		// Slow admissions so every tick admits at most one person: the order is observable.
		await admin.waitingRoom.setRate({ releaseId: release.id, ratePerSecond: 15 });

		for (const person of early) expect((await join(person, release.id)).place).toBe('pre_queue');
		expect(Date.now()).toBeLessThan(opensAt.getTime());

		await waitFor(async () => Date.now() > opensAt.getTime() + 100, 10_000, 'opening');
		const lateTickets: number[] = [];
		for (const person of late) {
			const view = await join(person, release.id);
			expect(['waiting', 'admitted']).toContain(view.place);
			lateTickets.push(view.ticket!);
		}
		// After the opening: tickets in arrival order, after every early arrival.
		expect(lateTickets).toEqual(lateTickets.map((_, index) => 41 + index));

		const ticketKey = roomKeys(release.id)[2]!;
		const earlyTickets = (await redis().hmget(ticketKey, ...early.map((person) => person.id))).map(
			Number
		);
		// A permutation of 1..40, not the arrival order, and not even close to it.
		expect([...earlyTickets].sort((a, b) => a - b)).toEqual(early.map((_, index) => index + 1));
		expect(earlyTickets).not.toEqual(early.map((_, index) => index + 1));
		expect(
			Math.abs(
				spearman(
					earlyTickets,
					early.map((_, index) => index + 1)
				)
			)
		).toBeLessThan(0.6);

		// Everyone is admitted, in ticket order: the draw for early arrivals, then arrival order.
		await waitFor(
			async () => (await admissionOrder(release.id)).length === 55,
			20_000,
			'all admitted'
		);
		const order = await admissionOrder(release.id);
		const ticketOf = new Map<string, number>();
		early.forEach((person, index) => ticketOf.set(person.id, earlyTickets[index]!));
		late.forEach((person, index) => ticketOf.set(person.id, lateTickets[index]!));
		expect(order.map((id) => ticketOf.get(id))).toEqual(order.map((_, index) => index + 1));
	});

	it('shows position, people ahead, an honest estimate, and pauses without losing places', async () => {
		const office = await freshOffice();
		const { release } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 50,
			opensAt: new Date(Date.now() - 1_000)
		});
		const admin = await adminCaller();
		await admin.waitingRoom.setPaused({ releaseId: release.id, paused: true });
		const people: Awaited<ReturnType<typeof queuer>>[] = [];
		for (let index = 0; index < 6; index++) people.push(await queuer());
		for (const person of people) await join(person, release.id);
		const last = await (
			await people[5]!.browser.caller()
		).waitingRoom.status({ releaseId: release.id });
		expect(last).toMatchObject({ place: 'waiting', ticket: 6, ahead: 5, paused: true });
		// Nothing has been admitted yet, so nobody can honestly say how long it takes.
		expect(last.estimatedWaitSeconds).toBeNull();
		expect(last.pollAfterMs).toBeGreaterThanOrEqual(2_000);

		await admin.waitingRoom.setRate({ releaseId: release.id, ratePerSecond: 2 });
		await admin.waitingRoom.setPaused({ releaseId: release.id, paused: false });
		await admittedView(people[0]!, release.id);
		const later = await (
			await people[5]!.browser.caller()
		).waitingRoom.status({ releaseId: release.id });
		expect(later.ticket).toBe(6);
		expect(later.ahead).toBeLessThan(5);
	});
});

describe('admission tokens', () => {
	it('are refused when forged, expired, replayed or used by another account', async () => {
		const office = await freshOffice();
		const { release, date } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 2,
			capacity: 5,
			opensAt: new Date(Date.now() - 1_000)
		});
		const person = await queuer();
		await join(person, release.id);
		const view = await admittedView(person, release.id);
		const token = view.admission!.token;
		const caller = await person.browser.caller();
		const [slot] = await caller.booking.slots({
			releaseId: release.id,
			date,
			passportType: 'elektronik',
			service: 'reguler'
		});
		const attempt = (token: string, attemptId = randomUUID()) =>
			caller.booking.attempt({
				attemptId,
				token,
				slotId: slot!.id,
				applicationIds: [person.applicationId]
			});

		// Forged: a payload for someone else under this signature, and plain garbage.
		const [body, signature] = token.split('.');
		const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());
		const forgedBody = Buffer.from(
			JSON.stringify({ ...payload, exp: payload.exp + 3_600_000 })
		).toString('base64url');
		await expectRefusal(
			attempt(`${forgedBody}.${signature}`),
			'FORBIDDEN',
			'admission_token_invalid'
		);
		await expectRefusal(attempt('x'.repeat(40)), 'FORBIDDEN', 'admission_token_invalid');

		// Expired: correctly signed, but past its time.
		const expired = await signAdmissionToken({ ...payload, exp: Date.now() - 1 });
		await expectRefusal(attempt(expired), 'FORBIDDEN', 'admission_token_expired');

		// Another account holding this token gets nothing from it.
		const stranger = await queuer();
		await expectRefusal(
			(await stranger.browser.caller()).booking.attempt({
				attemptId: randomUUID(),
				token,
				slotId: slot!.id,
				applicationIds: [stranger.applicationId]
			}),
			'FORBIDDEN',
			'admission_token_invalid'
		);

		// The real token books once; the same attempt sent again gets the same answer; a second
		// attempt with the same token is a replay.
		const attemptId = randomUUID();
		const booked = await attempt(token, attemptId);
		expect(booked.state).toBe('booked');
		const repeated = await attempt(token, attemptId);
		expect(repeated).toMatchObject({ state: 'booked', attemptId });
		expect(repeated.bookings.map((b) => b.id)).toEqual(booked.bookings.map((b) => b.id));
		await expectRefusal(attempt(token), 'FORBIDDEN', 'admission_token_replayed');
	});
});

async function nikOf(person: TestAccount & { applicationId: string }) {
	const { db } = await import('../../src/lib/server/db');
	const { sql } = await import('drizzle-orm');
	const rows = await (
		await db()
	).execute<{ nik: string }>(
		sql`select ap.nik from applications a join applicants ap on ap.id = a.applicant_id where a.id = ${person.applicationId}`
	);
	return [...rows][0]?.nik;
}
