import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import type { Db } from '../../src/lib/server/db/client';
import type { AttemptJob } from '../../src/lib/server/booking/queue';
import { seedAccounts, seedRelease } from './seed';

export interface PipelineSetup {
	db: Db;
	sql: postgres.Sql;
	redisUrl: string;
	/** The Redis prefix the worker processes use. */
	prefix: string;
	office: { id: string; time_zone: string };
	staffId: string;
	attempts: number;
	/** Days ahead of the release's one day, so two runs in one database use different days. */
	daysAhead: number;
	officeDate: (days: number, timeZone: string) => { date: string; weekday: number };
	kind: { passportType: 'elektronik'; service: 'reguler' };
}

/**
 * The booking pipeline alone, with a full queue: `attempts` attempts for as many seats put at
 * once into the office's BullMQ queue (as web processes enqueue them, one job per attempt) and
 * decided by the running worker process(es). Every attempt fits, so every decision books; the
 * attempts come for the slots in random order.
 * Returns bookings per second from enqueueing to the last job completed (follow-ups done).
 */
/**
 * `attempts` attempts for as many seats of a fresh release, each by its own account: each slot
 * gets exactly its capacity of attempts, in random order (admitted people pick slots as they
 * like, not one slot after another).
 */
async function seededAttempts(setup: PipelineSetup): Promise<AttemptJob[]> {
	const { db, sql: client, office } = setup;
	const people = await seedAccounts(client, setup.attempts, setup.kind);
	const { date, weekday } = setup.officeDate(setup.daysAhead, office.time_zone);
	const perSlot = 20;
	const release = await seedRelease(db, {
		officeId: office.id,
		timeZone: office.time_zone,
		staffId: setup.staffId,
		seats: setup.attempts,
		perSlot,
		opensAt: new Date(Date.now() - 1_000),
		date,
		weekday,
		kind: setup.kind,
		label: 'Pipeline'
	});
	const slotIds = (
		await client<
			{ id: string }[]
		>`select id from slots where release_id = ${release.id} order by starts_at`
	).map((row) => row.id);
	const seatOrder = people.map((_, index) => slotIds[Math.floor(index / perSlot)]!);
	for (let index = seatOrder.length - 1; index > 0; index--) {
		const other = Math.floor(Math.random() * (index + 1));
		[seatOrder[index], seatOrder[other]] = [seatOrder[other]!, seatOrder[index]!];
	}
	return people.map((person, index) => ({
		attemptId: randomUUID(),
		accountId: person.accountId,
		releaseId: release.id,
		officeId: office.id,
		slotId: seatOrder[index]!,
		applicationIds: [person.applicationId],
		tokenId: `pipeline-${index}`
	}));
}

/**
 * The decision SQL alone: `attempts` attempts decided in one call of decide_bookings (one
 * transaction) from this process, with no queue, no follow-ups and no other batch in flight.
 * What PostgreSQL can decide at most on this machine, to compare with the hot-row ceiling.
 */
export async function measureSqlDecisions(setup: PipelineSetup) {
	const jobs = await seededAttempts(setup);
	const { decideAttempts } = await import('../../src/lib/server/booking/decide-batch');
	const started = performance.now();
	const decisions = await decideAttempts(setup.db, jobs, {
		holdMinutes: 120,
		decidedBy: 'bench'
	});
	const seconds = (performance.now() - started) / 1000;
	const booked = decisions.filter((decision) => decision.outcome === 'booked').length;
	return { booked, seconds, decisionsPerSec: jobs.length / seconds };
}

export async function measurePipeline(setup: PipelineSetup) {
	const jobs = await seededAttempts(setup);
	const releaseId = jobs[0]!.releaseId;
	const { sql: client, office } = setup;
	const { Queue } = await import('bullmq');
	const { Redis } = await import('ioredis');
	const { attemptJobOptions, bookingQueueName } =
		await import('../../src/lib/server/booking/queue');
	const connection = new Redis(setup.redisUrl, { maxRetriesPerRequest: null });
	const queue = new Queue(bookingQueueName(office.id), {
		connection,
		prefix: `${setup.prefix}:bull`
	});
	try {
		// Earlier rounds' jobs stay in the completed set for a while: count from here.
		const completedBefore = await queue.getCompletedCount();
		const startedAt = new Date();
		await queue.addBulk(
			jobs.map((job) => ({
				name: 'decide',
				data: job,
				opts: { ...attemptJobOptions, jobId: job.attemptId }
			}))
		);
		// Done when every job has completed, follow-ups included: BullMQ stamps finishedOn then.
		const deadline = performance.now() + 120_000;
		let completed = 0;
		while (completed < setup.attempts && performance.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			completed = (await queue.getCompletedCount()) - completedBefore;
		}
		const finishedOn = (await queue.getJobs(['completed'], 0, setup.attempts))
			.filter((job) => job.data.releaseId === releaseId)
			.map((job) => job.finishedOn ?? 0);
		const [{ booked, batches } = { booked: 0, batches: 0 }] = await client<
			{ booked: number; batches: number }[]
		>`
			select count(*) filter (where outcome = 'booked')::int as booked,
				count(distinct decided_at)::int as batches
			from booking_attempts where release_id = ${releaseId}`;
		const seconds = (Math.max(...finishedOn) - startedAt.getTime()) / 1000;
		return { booked, completed, batches, seconds, bookingsPerSec: booked / seconds };
	} finally {
		await queue.close();
		connection.disconnect();
	}
}
