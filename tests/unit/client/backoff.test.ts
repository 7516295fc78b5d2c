import { describe, expect, it } from 'vitest';
import { nextRetryDelay } from '../../../src/lib/client/sync/backoff';

describe('nextRetryDelay', () => {
	it('doubles per failure within jitter bounds and stops growing at five minutes', () => {
		expect(nextRetryDelay(1, () => 0)).toBe(1_000);
		expect(nextRetryDelay(1, () => 1)).toBe(2_000);
		expect(nextRetryDelay(3, () => 1)).toBe(8_000);
		expect(nextRetryDelay(30, () => 1)).toBe(300_000);
		expect(nextRetryDelay(30, () => 0)).toBe(150_000);
	});
});
