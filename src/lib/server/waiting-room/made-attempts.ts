import { randomUUID } from 'node:crypto';
import { decodeChoice } from '../../domain/standing-choice';
import { bookingQueue, type AttemptJob } from '../booking/queue';
import { logger } from '../logger';
import { forgetMadeAttempts, madeAttempts } from './room';

const PER_ROUND = 500;

/** Fresh attempt ids for one admission step, one per token id. */
export function freshAttemptIds(count: number): string[] {
	return Array.from({ length: count }, () => randomUUID());
}

/**
 * Queues the attempts the room made at admission for people with a standing choice, on the
 * office's booking queue, and only then forgets them: a process that dies in between leaves
 * them listed, and the next tick (in any process) queues them again. The attempt id is the job
 * id, so queueing twice decides once.
 */
export async function queueMadeAttempts(release: {
	id: string;
	officeId: string;
}): Promise<number> {
	let queued = 0;
	for (;;) {
		const made = await madeAttempts(release.id, PER_ROUND);
		if (made.length === 0) return queued;
		const jobs: AttemptJob[] = [];
		for (const attempt of made) {
			const choice = decodeChoice(attempt.choice);
			if (!choice) {
				// Never written so by the room; kept out of the queue rather than decided wrongly.
				logger().error({ attemptId: attempt.attemptId }, 'made attempt without a choice');
				continue;
			}
			jobs.push({
				attemptId: attempt.attemptId,
				accountId: attempt.accountId,
				releaseId: release.id,
				officeId: release.officeId,
				slotIds: choice.slotIds,
				anySlot: choice.anySlot,
				applicationIds: attempt.applicationIds,
				tokenId: attempt.tokenId
			});
		}
		await bookingQueue(release.officeId).addBulk(
			jobs.map((job) => ({ name: 'decide', data: job, opts: { jobId: job.attemptId } }))
		);
		await forgetMadeAttempts(release.id, made);
		queued += jobs.length;
		if (made.length < PER_ROUND) return queued;
	}
}
