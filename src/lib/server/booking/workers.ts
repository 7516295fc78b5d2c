import { Worker, type Job } from 'bullmq';
import { eq } from 'drizzle-orm';
import { config } from '../config';
import { db } from '../db';
import { offices } from '../db/schema';
import { logger } from '../logger';
import { observeJobs } from '../ops/metrics/jobs';
import { countBookings, countExpiredHolds, observeDecisionBatch } from '../ops/metrics/bookings';
import { queueOptions } from '../queues/connection';
import { publish, subscribe } from '../pubsub';
import { newRedisConnection, redisKey } from '../redis';
import { isDataError } from './db-errors';
import { decideAttempts } from './decide-batch';
import { microBatch } from '../queues/micro-batch';
import { afterDecisions, workerIdentity } from './decisions';
import {
	expireAttemptHolds,
	HOLDS_QUEUE,
	scheduleHoldSweep,
	sweepExpiredHolds,
	type HoldJob
} from './holds';
import { bookingQueueName, type AttemptJob } from './queue';

export interface BookingWorkerHooks {
	/** Runs inside each batch's transaction before it commits (tests: crash mid-decision). */
	beforeCommit?: () => Promise<void>;
}

const OFFICE_REFRESH_MS = 30_000;

function officesChannel(): string {
	return redisKey('offices', 'changed');
}

/** Tells every worker process to start workers for offices created since they started. */
export async function announceOfficesChanged(): Promise<void> {
	await publish(officesChannel(), '1');
}

/**
 * A booking worker per office queue, the hold-expiry worker and its periodic sweep. New
 * offices get a worker within OFFICE_REFRESH_MS.
 */
export function startBookingWorkers(hooks: BookingWorkerHooks = {}): { close(): Promise<void> } {
	const settings = config();
	const connection = newRedisConnection();
	const workers = new Map<string, Worker>();
	const identity = workerIdentity();
	let closed = false;

	/**
	 * Attempts of one office queue are decided in batches, formed in queue order: what the
	 * queue handed this process while the batches in flight were decided goes into the next
	 * one transaction. A quiet queue's lone attempt is decided at once. Batches in flight at
	 * once (BOOKING_BATCHES_IN_FLIGHT) take their rows' locks in one order, so they do not
	 * deadlock each other; two batches for the same slot are decided one after the other.
	 * A batch's follow-ups (settles, expiry job, announcement, reminders job) run while the
	 * next batch is decided; each job ends when its own follow-ups are done.
	 */
	const officeDecider = () =>
		microBatch(
			async (jobs: AttemptJob[]) => {
				const decisions = await decideAttempts(await db(), jobs, {
					holdMinutes: settings.HOLD_MINUTES,
					decidedBy: identity,
					beforeCommit: hooks.beforeCommit
				});
				observeDecisionBatch(jobs.length);
				const followed = afterDecisions(
					jobs.map((job, index) => ({ job, decision: decisions[index]! }))
				).then(() =>
					// A redelivery after a crash that followed the commit counts its seats again: rare,
					// and the decision's one round trip does not say whether it was new.
					countBookings(
						'held',
						decisions.reduce((seats, decision) => seats + decision.bookings.length, 0)
					)
				);
				// Every job of the batch awaits it; this only keeps a failure from going unhandled.
				followed.catch(() => {});
				return decisions.map((decision) => ({ decision, followed }));
			},
			{
				maxSize: settings.BOOKING_WORKER_CONCURRENCY,
				lanes: settings.BOOKING_BATCHES_IN_FLIGHT,
				// Bad data in one attempt fails only that attempt; a lost database fails the batch,
				// whose jobs BullMQ retries, rather than each of them once more on its own.
				oneItemsFault: isDataError
			}
		);

	function startOffice(officeId: string) {
		const decide = officeDecider();
		const decideJob = async (job: Job<AttemptJob>) => {
			const { decision, followed } = await decide(job.data);
			await followed;
			return { outcome: decision.outcome, refusal: decision.refusal };
		};
		const worker = observeJobs(
			new Worker<AttemptJob>(bookingQueueName(officeId), decideJob, {
				...queueOptions(),
				connection,
				// Stamped on each job (processedBy), as the decision is (decided_by): which process
				// held an attempt, e.g. one that died holding it.
				name: identity,
				concurrency: settings.BOOKING_WORKER_CONCURRENCY,
				// A vanished worker's job goes to another after this long, however often that happens.
				lockDuration: settings.BOOKING_STALLED_MS,
				stalledInterval: settings.BOOKING_STALLED_MS,
				maxStalledCount: 1_000
			})
		);
		worker.on('failed', (job, error) =>
			logger().warn({ jobId: job?.id, err: error.message }, 'booking attempt failed; retrying')
		);
		worker.on('error', (error) => logger().warn({ err: error.message }, 'booking worker error'));
		workers.set(officeId, worker);
	}

	async function refresh() {
		const rows = await (
			await db()
		)
			.select({ id: offices.id })
			.from(offices)
			.where(eq(offices.active, true));
		if (closed) return;
		for (const row of rows) if (!workers.has(row.id)) startOffice(row.id);
	}

	const holdWorker = observeJobs(
		new Worker<HoldJob>(
			HOLDS_QUEUE,
			async (job) => {
				const database = await db();
				const data = job.data;
				const ended =
					data.kind === 'expire'
						? await expireAttemptHolds(
								database,
								'attemptIds' in data ? data.attemptIds : [data.attemptId]
							)
						: await sweepExpiredHolds(database);
				countExpiredHolds(job.data.kind === 'expire' ? 'job' : 'sweep', ended.length);
				if (ended.length > 0) logger().info({ ended: ended.length }, 'holds expired');
				return { ended: ended.length };
			},
			{ ...queueOptions(), connection, concurrency: 4 }
		)
	);
	holdWorker.on('error', (error) => logger().warn({ err: error.message }, 'hold worker error'));

	let unsubscribe: (() => void) | undefined;
	const ready = Promise.all([
		refresh(),
		scheduleHoldSweep(settings.HOLD_SWEEP_SECONDS),
		subscribe(officesChannel(), () => void refresh().catch(() => {})).then(
			(stop) => (unsubscribe = stop)
		)
	]).catch((error) => logger().error({ err: error }, 'booking workers did not start'));
	const timer = setInterval(() => {
		refresh().catch((error) => logger().warn({ err: error }, 'office refresh failed'));
	}, OFFICE_REFRESH_MS);

	return {
		async close() {
			closed = true;
			clearInterval(timer);
			await ready;
			unsubscribe?.();
			await Promise.all([...workers.values(), holdWorker].map((worker) => worker.close()));
			await connection.quit().catch(() => connection.disconnect());
		}
	};
}
