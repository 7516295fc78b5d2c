import type { Job, Worker } from 'bullmq';
import { Histogram } from 'prom-client';
import { processRegistry } from './registries';

// From a mail sent at once to a hold expiry that waited its whole delay (a delayed job's wait
// counts from when it was added, as BullMQ's timestamp does).
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
const RUN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export const jobWait = new Histogram({
	name: 'lancar_job_wait_seconds',
	help: 'BullMQ jobs run by this process: from added to started (processedOn - timestamp)',
	labelNames: ['queue'] as const,
	buckets: WAIT_BUCKETS,
	registers: [processRegistry]
});

export const jobProcessing = new Histogram({
	name: 'lancar_job_processing_seconds',
	help: 'BullMQ jobs run by this process: from started to finished (finishedOn - processedOn), by outcome',
	labelNames: ['queue', 'outcome'] as const,
	buckets: RUN_BUCKETS,
	registers: [processRegistry]
});

function observe(queue: string, job: Job | undefined, outcome: 'completed' | 'failed') {
	if (!job?.processedOn) return;
	jobWait.observe({ queue }, Math.max(0, job.processedOn - job.timestamp) / 1000);
	if (job.finishedOn) {
		jobProcessing.observe({ queue, outcome }, Math.max(0, job.finishedOn - job.processedOn) / 1000);
	}
}

/**
 * Feeds the latency histograms from a worker's own events: the process that ran a job is the
 * one that knows it finished, so each worker process publishes its jobs (QueueEvents would
 * make every scraped process see every job, counted once per process).
 */
export function observeJobs<T extends Worker>(worker: T): T {
	worker.on('completed', (job) => observe(worker.name, job, 'completed'));
	worker.on('failed', (job) => observe(worker.name, job, 'failed'));
	return worker;
}
