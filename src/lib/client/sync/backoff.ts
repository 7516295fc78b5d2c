const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * Exponential backoff with full jitter: after many phones lose signal together (a lift, a
 * train, a cell tower), their retries spread out instead of arriving as one wave.
 */
export function nextRetryDelay(failures: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
