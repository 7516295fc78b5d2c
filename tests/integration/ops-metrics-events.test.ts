import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setReleaseAdmissionRate } from '../../src/lib/server/booking/quota';
import { db } from '../../src/lib/server/db';
import { startHealthListener } from '../../src/lib/server/ops/health-routes';
import {
	dateInDays,
	ELEKTRONIK_REGULER,
	freshOffice,
	quickAccount,
	releaseWithSlots,
	staffOf,
	submittedApplication,
	waitFor
} from './booking-fixtures';
import {
	hasSeries,
	METRICS_TEST_TOKEN,
	sample,
	scrapeText,
	withMetricsToken
} from './metrics-scrape';
import { freePorts } from '../support/free-ports';
import { bookingAt } from './office-floor-fixtures';
import { deliver, heldBooking, notificationBody } from './payment-fixtures';

// Holds of three seconds, and a sweep every second, so expiry happens within the test.
process.env.HOLD_MINUTES = '0.05';
process.env.HOLD_SWEEP_SECONDS = '1';
process.env.WAITING_ROOM_TICK_MS = '50';
process.env.ADMISSION_RATE_PER_SEC = '50';

beforeAll(() => withMetricsToken(METRICS_TEST_TOKEN));
afterAll(() => withMetricsToken(undefined));

async function queuedPerson(releaseId: string) {
	const person = await quickAccount();
	const application = await submittedApplication(person.id);
	const caller = await person.browser.caller();
	await caller.waitingRoom.join({ releaseId, applicationIds: [application.id] });
	return { application, caller };
}

const expired = (text: string) =>
	sample(text, 'lancar_holds_expired_total', { by: 'job' }) +
	sample(text, 'lancar_holds_expired_total', { by: 'sweep' });

describe('/metrics follows what happens', () => {
	it('a booked hold, the booking job and its expiry', async () => {
		const office = await freshOffice();
		const { release, date } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 1,
			opensAt: new Date(Date.now() - 1_000)
		});
		const bookingQueue = `booking-${office.id}`;
		const before = await scrapeText();
		expect(hasSeries(before, 'lancar_job_wait_seconds_count', { queue: bookingQueue })).toBe(false);

		const { application, caller } = await queuedPerson(release.id);
		const admitted = await waitFor(async () => {
			const view = await caller.waitingRoom.status({ releaseId: release.id });
			return view.place === 'admitted' ? view : null;
		});
		const [slot] = await caller.booking.slots({
			releaseId: release.id,
			date,
			...ELEKTRONIK_REGULER
		});
		const held = await caller.booking.attempt({
			attemptId: randomUUID(),
			token: admitted.admission!.token,
			slotId: slot!.id,
			applicationIds: [application.id]
		});
		expect(held.state).toBe('booked');

		// The worker's 'completed' event may come a moment after the decision is readable.
		const afterBooking = await waitFor(async () => {
			const text = await scrapeText();
			return sample(text, 'lancar_job_processing_seconds_count', {
				queue: bookingQueue,
				outcome: 'completed'
			}) === 1
				? text
				: null;
		});
		expect(sample(afterBooking, 'lancar_job_wait_seconds_count', { queue: bookingQueue })).toBe(1);
		expect(sample(afterBooking, 'lancar_bookings_total', { state: 'held' })).toBe(
			sample(before, 'lancar_bookings_total', { state: 'held' }) + 1
		);
		// A lone attempt on a quiet queue is decided at once, as a batch of one.
		expect(sample(afterBooking, 'lancar_booking_decision_batch_size_count')).toBe(
			sample(before, 'lancar_booking_decision_batch_size_count') + 1
		);
		expect(sample(afterBooking, 'lancar_booking_decision_batch_size_bucket', { le: '1' })).toBe(
			sample(before, 'lancar_booking_decision_batch_size_bucket', { le: '1' }) + 1
		);
		// Other test files share the database: at least this hold is live.
		expect(sample(afterBooking, 'lancar_bookings_held')).toBeGreaterThanOrEqual(1);

		const afterExpiry = await waitFor(
			async () => {
				const text = await scrapeText();
				return expired(text) > expired(before) ? text : null;
			},
			20_000,
			'the hold expired'
		);
		expect(expired(afterExpiry)).toBe(expired(before) + 1);
		expect(sample(afterExpiry, 'lancar_bookings_total', { state: 'expired' })).toBe(
			sample(before, 'lancar_bookings_total', { state: 'expired' }) + 1
		);
		// The expiry ran as a job of the holds queue, so that queue's latency moved too.
		expect(
			sample(afterExpiry, 'lancar_job_processing_seconds_count', {
				queue: 'booking-holds',
				outcome: 'completed'
			})
		).toBeGreaterThan(
			sample(before, 'lancar_job_processing_seconds_count', {
				queue: 'booking-holds',
				outcome: 'completed'
			})
		);
	});

	it('payments by outcome', async () => {
		const hold = await heldBooking();
		const before = await scrapeText();
		const body = notificationBody({ billingCode: hold.billingCode, amount: hold.amount });
		expect((await deliver(body)).status).toBe(200);
		await deliver(body);
		const after = await scrapeText();
		const paid = { outcome: 'paid', reason: '' };
		const duplicate = { outcome: 'duplicate', reason: '' };
		expect(sample(after, 'lancar_payments_total', paid)).toBe(
			sample(before, 'lancar_payments_total', paid) + 1
		);
		expect(sample(after, 'lancar_payments_total', duplicate)).toBe(
			sample(before, 'lancar_payments_total', duplicate) + 1
		);
		expect(sample(after, 'lancar_bookings_total', { state: 'paid' })).toBe(
			sample(before, 'lancar_bookings_total', { state: 'paid' }) + 1
		);
	});

	it('check-ins by office', async () => {
		const office = await freshOffice();
		const staff = await staffOf(office.id);
		const booked = await bookingAt(office, dateInDays(0, office.timeZone));
		const before = await scrapeText();
		expect(sample(before, 'lancar_checkins_total', { office: office.id })).toBe(0);
		await staff.floor.checkIn({ applicationNumber: booked.number });
		const after = await scrapeText();
		expect(sample(after, 'lancar_checkins_total', { office: office.id })).toBe(1);
	});

	it('admission rate and estimated wait per release, as the room shows them', async () => {
		const office = await freshOffice();
		const { release } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 20,
			opensAt: new Date(Date.now() - 1_000)
		});
		await setReleaseAdmissionRate(await db(), release.id, 1);
		const people = [];
		for (let index = 0; index < 10; index++) people.push(await queuedPerson(release.id));
		// The room measures its rate over a few seconds of admissions.
		const last = people.at(-1)!.caller;
		await waitFor(
			async () => {
				const view = await last.waitingRoom.status({ releaseId: release.id });
				return view.measuredRate !== null && view.place === 'waiting';
			},
			15_000,
			'a measured rate'
		);
		const text = await scrapeText();
		const labels = { release: release.id };
		const rate = sample(text, 'lancar_waiting_room_admission_rate', labels);
		const waiting = sample(text, 'lancar_waiting_room_size', labels);
		expect(rate).toBeGreaterThan(0);
		expect(waiting).toBeGreaterThan(0);
		expect(sample(text, 'lancar_waiting_room_estimated_wait_seconds', labels)).toBe(
			Math.ceil(waiting / rate)
		);
	});
});

describe("the worker's /metrics", () => {
	it('wants the token and shows only what the process did', async () => {
		const port = (await freePorts(1))[0]!;
		const listener = await startHealthListener(port);
		try {
			const url = `http://127.0.0.1:${port}/metrics`;
			expect((await fetch(url)).status).toBe(401);
			expect(
				(await fetch(url, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status
			).toBe(401);
			const answer = await fetch(url, {
				headers: { authorization: `Bearer ${METRICS_TEST_TOKEN}` }
			});
			expect(answer.status).toBe(200);
			const text = await answer.text();
			expect(text).toContain('# TYPE lancar_job_wait_seconds histogram');
			expect(text).toContain('# TYPE lancar_holds_expired_total counter');
			// Shared gauges come from the web processes, once.
			expect(text).not.toContain('lancar_queue_jobs');
			expect(text).not.toContain('lancar_http_request_duration_seconds');
		} finally {
			listener.close();
		}
	});
});
