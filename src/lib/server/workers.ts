import type { Worker } from 'bullmq';
import { logger } from './logger';
import { startMailWorker } from './queues/mail';

/** Every BullMQ worker of the app; the web process runs them too in the embedded setup. */
export function startWorkers(): { close(): Promise<void> } {
	const workers: Worker[] = [startMailWorker()];
	logger().info({ workers: workers.map((worker) => worker.name) }, 'workers started');
	return {
		async close() {
			// close() waits for running jobs, so no job is cut off halfway.
			await Promise.all(workers.map((worker) => worker.close()));
		}
	};
}
