import { Queue, Worker } from 'bullmq';
import { openingNoticeDelay, type NoticeKind } from '../../domain/notices';
import { config } from '../config';
import { db } from '../db';
import { logger } from '../logger';
import { sendQuotaNotices } from '../notify/quota-notices';
import { newRedisConnection } from '../redis';
import { queueOptions } from './connection';

export const NOTIFY_QUEUE = 'notify';

export interface QuotaNoticeJob {
	kind: NoticeKind;
	releaseId: string;
}

let queue: Queue<QuotaNoticeJob> | undefined;

function notifyQueue(): Queue<QuotaNoticeJob> {
	queue ??= new Queue<QuotaNoticeJob>(NOTIFY_QUEUE, {
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
 * Queues both notices of a new release: "scheduled" now, "opening soon" shortly before it
 * opens. Job ids are derived from the release (and its opening instant), so scheduling the
 * same release twice queues each notice once; the notice rows guard what slips past.
 */
export async function scheduleQuotaNotices(
	release: { id: string; opensAt: Date },
	now = new Date()
): Promise<void> {
	const notices = notifyQueue();
	await notices.add(
		'quota_scheduled',
		{ kind: 'quota_scheduled', releaseId: release.id },
		{ jobId: `quota_scheduled-${release.id}` }
	);
	const delay = openingNoticeDelay(release.opensAt, config().NOTIFY_OPENING_LEAD_MINUTES, now);
	if (delay === null) return;
	await notices.add(
		'quota_opening',
		{ kind: 'quota_opening', releaseId: release.id },
		{ jobId: `quota_opening-${release.id}-${release.opensAt.getTime()}`, delay }
	);
}

export function startNotifyWorker(): Worker<QuotaNoticeJob> {
	const connection = newRedisConnection();
	const worker = new Worker<QuotaNoticeJob>(
		NOTIFY_QUEUE,
		async (job) => sendQuotaNotices(await db(), job.data.kind, job.data.releaseId),
		{ ...queueOptions(), connection, concurrency: 2 }
	);
	worker.on('closed', () => void connection.quit().catch(() => connection.disconnect()));
	worker.on('failed', (job, error) =>
		logger().warn({ jobId: job?.id, err: error.message }, 'notice job failed')
	);
	return worker;
}

export async function closeNotifyQueue(): Promise<void> {
	await queue?.close();
	queue = undefined;
}
