import { Queue } from 'bullmq';
import { queueOptions } from '../queues/connection';

/** A booking attempt as the web process hands it to the office's booking worker. */
export interface AttemptJob {
	attemptId: string;
	accountId: string;
	releaseId: string;
	officeId: string;
	/** The slot chosen by hand (absent on an attempt made from a standing choice). */
	slotId?: string;
	/** A standing choice's slots, in order of preference (see domain/standing-choice.ts). */
	slotIds?: string[];
	/** After the chosen slots: any other free slot of the release, earliest first. */
	anySlot?: boolean;
	applicationIds: string[];
	/** The admission token id this attempt spent. */
	tokenId: string;
}

/** The slots an attempt asks for, in order of preference. */
export function slotChoices(job: AttemptJob): string[] {
	return job.slotIds ?? (job.slotId ? [job.slotId] : []);
}

/**
 * One queue per office: a surge at one office fills its own queue and never delays the
 * attempts of another.
 */
export function bookingQueueName(officeId: string): string {
	return `booking-${officeId}`;
}

/** Every attempt job is queued with these (also by the benchmarks that fill a queue). */
export const attemptJobOptions = {
	// Retries cover a database that hiccups; the decision itself is idempotent.
	attempts: 20,
	backoff: { type: 'exponential', delay: 200 },
	removeOnComplete: { age: 3_600, count: 50_000 },
	removeOnFail: { age: 7 * 86_400 }
};

const queues = new Map<string, Queue<AttemptJob>>();

export function bookingQueue(officeId: string): Queue<AttemptJob> {
	let queue = queues.get(officeId);
	if (!queue) {
		queue = new Queue<AttemptJob>(bookingQueueName(officeId), {
			...queueOptions(),
			defaultJobOptions: attemptJobOptions
		});
		queues.set(officeId, queue);
	}
	return queue;
}

/** The attempt id is the job id, so sending the same attempt twice queues it once. */
export async function enqueueAttempt(job: AttemptJob): Promise<void> {
	await bookingQueue(job.officeId).add('decide', job, { jobId: job.attemptId });
}

export async function closeBookingQueues(): Promise<void> {
	const open = [...queues.values()];
	queues.clear();
	await Promise.all(open.map((queue) => queue.close()));
}
