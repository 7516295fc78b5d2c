import { redis, redisKey } from '../redis';

// Kept as long as a partial upload may live, so a slow resume still adds to the same count.
const COUNTER_TTL_SECONDS = 14 * 24 * 3600;

function counterKey(uploadId: string): string {
	return redisKey('uploads', 'received', uploadId);
}

/**
 * Bytes the server actually received for an unfinished upload, across all its PATCH requests.
 * A resumed upload adds only what was missing; a restarted one would add the whole file again.
 */
export async function receivedBytesSoFar(uploadId: string): Promise<number> {
	return Number((await redis().get(counterKey(uploadId))) ?? 0);
}

export async function addReceivedBytes(uploadId: string, bytes: number): Promise<void> {
	if (bytes <= 0) return;
	await redis()
		.multi()
		.incrby(counterKey(uploadId), bytes)
		.expire(counterKey(uploadId), COUNTER_TTL_SECONDS)
		.exec();
}

/** Once the document row holds the total, the counter has done its job. */
export async function forgetReceivedBytes(uploadId: string): Promise<void> {
	await redis().del(counterKey(uploadId));
}
