import { Worker, type Job } from 'bullmq';
import { eq } from 'drizzle-orm';
import { config } from '../config';
import { db } from '../db';
import { offices } from '../db/schema';
import { logger } from '../logger';
import { observeJobs } from '../ops/metrics/jobs';
import { countBookings, countExpiredHolds } from '../ops/metrics/bookings';
import { queueOptions } from '../queues/connection';
import { publish, subscribe } from '../pubsub';
import { newRedisConnection, redisKey } from '../redis';
import { decideAttempt, type Decision } from './decide';
import { afterDecision, workerIdentity } from './decisions';
import {
	expireAttemptHolds,
	HOLDS_QUEUE,
	scheduleHoldSweep,
	sweepExpiredHolds,
	type HoldJob
} from './holds';
import { bookingQueueName, type AttemptJob } from './queue';

export interface BookingWorkerHooks {
	/** Runs inside each decision's transaction before it commits (tests: crash mid-decision). */
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

	const decide = async (job: Job<AttemptJob>): Promise<Pick<Decision, 'outcome' | 'refusal'>> => {
		const decision = await decideAttempt(await db(), job.data, {
			holdMinutes: settings.HOLD_MINUTES,
			decidedBy: identity,
			beforeCommit: hooks.beforeCommit
		});
		await afterDecision(job.data, decision);
		// A redelivery after a crash that followed the commit counts its seats again: rare, and
		// the decision's one round trip does not say whether it was new.
		countBookings('held', decision.bookings.length);
		return { outcome: decision.outcome, refusal: decision.refusal };
	};

	function startOffice(officeId: string) {
		const worker = observeJobs(
			new Worker<AttemptJob>(bookingQueueName(officeId), decide, {
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
				const ended =
					job.data.kind === 'expire'
						? await expireAttemptHolds(database, job.data.attemptId)
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
