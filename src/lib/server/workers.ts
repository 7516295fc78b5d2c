import type { Worker } from 'bullmq';
import { startBookingWorkers, type BookingWorkerHooks } from './booking/workers';
import { startLettersWorker } from './letters/queue';
import { logger } from './logger';
import { observeJobs } from './ops/metrics/jobs';
import { startMailWorker } from './queues/mail';
import { startNotifyWorker } from './queues/notify';
import { startAdmitter } from './waiting-room/admitter';

/** Every BullMQ worker of the app; the web process runs them too in the embedded setup. */
export function startWorkers(hooks: BookingWorkerHooks = {}): { close(): Promise<void> } {
	const workers: Worker[] = [startMailWorker(), startLettersWorker(), startNotifyWorker()].map(
		(worker: Worker) => observeJobs(worker)
	);
	const booking = startBookingWorkers(hooks);
	const admitter = startAdmitter();
	logger().info(
		{ workers: [...workers.map((worker) => worker.name), 'booking', 'admitter'] },
		'workers started'
	);
	return {
		async close() {
			// close() waits for running jobs, so no job is cut off halfway.
			await admitter.close();
			await Promise.all([...workers.map((worker) => worker.close()), booking.close()]);
		}
	};
}
