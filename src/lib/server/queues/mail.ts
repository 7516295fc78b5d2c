import { Queue, Worker } from 'bullmq';
import { activeMailer, type MailMessage } from '../mail';
import { logger } from '../logger';
import { newRedisConnection } from '../redis';
import { queueOptions } from './connection';

export const MAIL_QUEUE = 'mail';

let queue: Queue<MailMessage> | undefined;

function mailQueue(): Queue<MailMessage> {
	queue ??= new Queue<MailMessage>(MAIL_QUEUE, {
		...queueOptions(),
		defaultJobOptions: {
			attempts: 8,
			backoff: { type: 'exponential', delay: 2_000 },
			removeOnComplete: 1_000,
			removeOnFail: 5_000
		}
	});
	return queue;
}

/**
 * Mail is sent by a worker so a slow or failing SMTP server never holds up a request, and a
 * failed send is retried with backoff. The job id makes a repeated enqueue send once.
 */
export async function enqueueMail(message: MailMessage, dedupeId?: string): Promise<void> {
	await mailQueue().add('send', message, dedupeId ? { jobId: dedupeId } : {});
}

export function startMailWorker(): Worker<MailMessage> {
	const connection = newRedisConnection();
	const worker = new Worker<MailMessage>(
		MAIL_QUEUE,
		async (job) => {
			const mailer = await activeMailer();
			await mailer.send(job.data);
		},
		{ ...queueOptions(), connection, concurrency: 4 }
	);
	// BullMQ leaves a connection it was handed open; this one belongs to the worker alone.
	worker.on('closed', () => void connection.quit().catch(() => connection.disconnect()));
	worker.on('failed', (job, error) =>
		logger().warn({ jobId: job?.id, err: error.message }, 'mail send failed')
	);
	return worker;
}

export async function closeMailQueue(): Promise<void> {
	await queue?.close();
	queue = undefined;
}
