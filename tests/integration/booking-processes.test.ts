/**
 * Booking workers as separate processes, as deployed: two at once, and one killed with
 * SIGKILL in the middle of its decisions. This test process runs no workers of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { bookingQueue, enqueueAttempt } from '../../src/lib/server/booking/queue';
import { db } from '../../src/lib/server/db';
import {
	countRows,
	freshOffice,
	quickAccount,
	releaseWithSlots,
	submittedApplication,
	waitFor
} from './booking-fixtures';

process.env.RUN_WORKERS = 'false';

const children: ChildProcess[] = [];

afterEach(async () => {
	for (const child of children.splice(0)) {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
		}
	}
});

/** Starts a worker process and resolves once its workers run. */
async function workerProcess(env: Record<string, string> = {}): Promise<ChildProcess> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/support/booking-worker-process.ts'],
		{
			env: {
				...process.env,
				DATABASE_URL: inject('databaseUrl'),
				REDIS_URL: inject('redisUrl'),
				REDIS_PREFIX: inject('redisPrefix'),
				RUN_WORKERS: 'true',
				LOG_LEVEL: 'silent',
				...env
			},
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	children.push(child);
	await new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('ready')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
	});
	return child;
}

async function scenario(slotCount: number, capacity: number, attempts: number) {
	const office = await freshOffice();
	const { release } = await releaseWithSlots({
		officeId: office.id,
		slotCount,
		capacity,
		opensAt: new Date(Date.now() - 1_000)
	});
	const slotIds = [
		...(await (
			await db()
		).execute<{ id: string }>(
			sql`select id from slots where release_id = ${release.id} order by start_time`
		))
	].map((row) => row.id);
	const people = await Promise.all(
		Array.from({ length: attempts }, async (_, index) => {
			const account = await quickAccount('proses');
			const application = await submittedApplication(account.id);
			return {
				attemptId: randomUUID(),
				accountId: account.id,
				releaseId: release.id,
				officeId: office.id,
				slotId: slotIds[index % slotIds.length]!,
				applicationIds: [application.id],
				tokenId: `t-${index}`
			};
		})
	);
	return { office, release, people };
}

async function decided(releaseId: string) {
	return countRows(sql`select count(*) as n from booking_attempts where release_id = ${releaseId}`);
}

/** Nothing over-filled, nothing booked twice, and seats taken agree with holds made. */
async function expectConsistent(releaseId: string, seats: number) {
	expect(
		await countRows(
			sql`select count(*) as n from slots where release_id = ${releaseId} and booked > capacity`
		)
	).toBe(0);
	expect(
		await countRows(sql`select count(*) as n from bookings where release_id = ${releaseId}`)
	).toBe(seats);
	expect(
		await countRows(
			sql`select coalesce(sum(booked), 0) as n from slots where release_id = ${releaseId}`
		)
	).toBe(seats);
	expect(
		await countRows(sql`
			select count(*) as n from (
				select application_id from bookings where release_id = ${releaseId}
				group by application_id having count(*) > 1
			) twice`)
	).toBe(0);
}

describe('booking worker processes', () => {
	it('two processes at once never over-fill a slot', async () => {
		const { office, release, people } = await scenario(10, 3, 300);
		// Small batches, so both processes take part: at the default (512) one process can take
		// all 300 jobs in its first fetch and the other decide nothing.
		const smallBatches = { BOOKING_WORKER_CONCURRENCY: '16' };
		await Promise.all([workerProcess(smallBatches), workerProcess(smallBatches)]);
		await waitFor(
			async () => (await bookingQueue(office.id).getWorkers()).length >= 2,
			40_000,
			'workers'
		);
		await Promise.all(people.map((job) => enqueueAttempt(job)));
		await waitFor(async () => (await decided(release.id)) === 300, 60_000, '300 decisions');
		await expectConsistent(release.id, 30);
		const deciders = await countRows(
			sql`select count(distinct decided_by) as n from booking_attempts where release_id = ${release.id}`
		);
		expect(deciders).toBe(2);
	});

	it('loses no attempt and books nothing twice when a worker is killed mid-decision', async () => {
		const { office, release, people } = await scenario(20, 1, 80);
		// A few attempts in hand at a time, so the kill finds some decided and most still queued.
		const doomed = await workerProcess({
			SLOW_DECISION_MS: '250',
			BOOKING_STALLED_MS: '2000',
			BOOKING_WORKER_CONCURRENCY: '8'
		});
		await waitFor(
			async () => (await bookingQueue(office.id).getWorkers()).length >= 1,
			40_000,
			'worker'
		);
		await Promise.all(people.map((job) => enqueueAttempt(job)));
		// Kill it while decisions are open inside transactions, some already committed.
		await waitFor(async () => (await decided(release.id)) >= 8, 30_000, 'first decisions');
		const active = await bookingQueue(office.id).getActive();
		doomed.kill('SIGKILL');
		await new Promise((resolve) => doomed.once('exit', resolve));
		expect(active.length).toBeGreaterThan(0);
		// Each job names the process holding it, as its decision will (decided_by).
		expect(new Set(active.map((job) => job.processedBy))).toEqual(
			new Set([`${hostname()}:${doomed.pid}`])
		);
		const decidedAtKill = await decided(release.id);
		expect(decidedAtKill).toBeLessThan(80);

		// A new worker takes over the stalled jobs once their locks lapse.
		await workerProcess({ BOOKING_STALLED_MS: '2000' });
		await waitFor(async () => (await decided(release.id)) === 80, 60_000, 'every attempt decided');
		await expectConsistent(release.id, 20);
		const queue = bookingQueue(office.id);
		expect(await queue.getFailedCount()).toBe(0);
		await waitFor(async () => (await queue.getCompletedCount()) === 80, 10_000, 'jobs completed');
	});
	it('finishes the decisions in hand on SIGTERM; the next worker decides the rest, none twice', async () => {
		const { office, release, people } = await scenario(20, 1, 80);
		// A long stall time: if the stopping worker left a job half-done, nobody would take it
		// over within this test, and the count below would never reach 80.
		// A few attempts in hand at a time, so the stop finds most of them still queued.
		const stopping = await workerProcess({
			SLOW_DECISION_MS: '250',
			BOOKING_STALLED_MS: '600000',
			BOOKING_WORKER_CONCURRENCY: '8'
		});
		await waitFor(
			async () => (await bookingQueue(office.id).getWorkers()).length >= 1,
			40_000,
			'worker'
		);
		await Promise.all(people.map((job) => enqueueAttempt(job)));
		await waitFor(async () => (await decided(release.id)) >= 8, 30_000, 'first decisions');
		const queue = bookingQueue(office.id);
		expect(await queue.getActiveCount()).toBeGreaterThan(0);
		stopping.kill('SIGTERM');
		const exitCode = await new Promise((resolve) => stopping.once('exit', resolve));
		expect(exitCode).toBe(0);
		// Every job it had taken was finished before it left: none is active, none failed.
		expect(await queue.getActiveCount()).toBe(0);
		expect(await queue.getFailedCount()).toBe(0);
		expect(await decided(release.id)).toBeLessThan(80);

		await workerProcess({ BOOKING_STALLED_MS: '600000' });
		await waitFor(async () => (await decided(release.id)) === 80, 60_000, 'every attempt decided');
		await expectConsistent(release.id, 20);
		await waitFor(async () => (await queue.getCompletedCount()) === 80, 10_000, 'jobs completed');
		expect(await queue.getFailedCount()).toBe(0);
	});
});
