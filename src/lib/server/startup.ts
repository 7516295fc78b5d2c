import { monitorEventLoopDelay } from 'node:perf_hooks';
import { closeHoldsQueue } from './booking/holds';
import { closeBookingQueues } from './booking/queue';
import type { BookingWorkerHooks } from './booking/workers';
import { config, ConfigError } from './config';
import { closeDatabase, database } from './db';
import { closeLettersQueue } from './letters/queue';
import { logger } from './logger';
import { closeMetricsQueues } from './ops/metrics';
import { seedOffices } from './offices/seed';
import { closePubSub } from './pubsub';
import { closeMailQueue } from './queues/mail';
import { closeNotifyQueue } from './queues/notify';
import { closeRedis, ensureRedis, RedisUnavailableError } from './redis';
import { closeRoomRedis } from './waiting-room/connection';
import { closeLimiterRedis } from './waiting-room/limits';
import { startWorkers } from './workers';

/** At debug level, how long the event loop was held up, every five seconds. */
function reportEventLoopDelay(): () => void {
	if (!logger().isLevelEnabled('debug')) return () => {};
	const histogram = monitorEventLoopDelay({ resolution: 10 });
	histogram.enable();
	const timer = setInterval(() => {
		logger().debug(
			{
				p50Ms: histogram.percentile(50) / 1e6,
				p99Ms: histogram.percentile(99) / 1e6,
				maxMs: histogram.max / 1e6
			},
			'event loop delay'
		);
		histogram.reset();
	}, 5_000);
	timer.unref();
	return () => {
		clearInterval(timer);
		histogram.disable();
	};
}

export interface Running {
	stop(): Promise<void>;
}

/**
 * Brings the process up in order: a valid configuration, a Redis that answers, a migrated
 * database with the seeded offices, then (when configured) the workers. Known failures end
 * the process with a clear message instead of a stack trace.
 */
export async function startServices(options: {
	workers: boolean;
	hooks?: BookingWorkerHooks;
}): Promise<Running> {
	try {
		const settings = config();
		await ensureRedis();
		const handle = await database();
		await handle.migrate();
		await seedOffices(handle.db);
		const workers =
			options.workers && settings.runWorkers ? startWorkers(options.hooks) : undefined;
		logger().info(
			{ database: handle.kind, workers: Boolean(workers), env: settings.NODE_ENV },
			'Lancar services ready'
		);
		const stopLagReports = reportEventLoopDelay();
		return {
			async stop() {
				stopLagReports();
				await workers?.close();
				await closeMailQueue();
				await closeNotifyQueue();
				await closeBookingQueues();
				await closeHoldsQueue();
				await closeLettersQueue();
				await closeMetricsQueues();
				await closePubSub();
				await closeRoomRedis();
				await closeLimiterRedis();
				await closeRedis();
				await closeDatabase();
			}
		};
	} catch (error) {
		if (error instanceof ConfigError || error instanceof RedisUnavailableError) {
			console.error(`\n${error.message}\n`);
			process.exit(1);
		}
		throw error;
	}
}
