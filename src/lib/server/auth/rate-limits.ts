import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors';
import { redis, redisKey } from '../redis';

interface LimitSpec {
	points: number;
	durationSeconds: number;
}

// Per IP limits are generous because many phones share one carrier-grade NAT address.
export const LIMITS = {
	loginByIp: { points: 60, durationSeconds: 15 * 60 },
	loginByEmail: { points: 10, durationSeconds: 15 * 60 },
	registerByIp: { points: 20, durationSeconds: 60 * 60 },
	codeEntryByIp: { points: 60, durationSeconds: 15 * 60 },
	codeEntryByEmail: { points: 10, durationSeconds: 15 * 60 },
	codeSendByEmail: { points: 5, durationSeconds: 60 * 60 },
	// Every invitation sends a mail: a stolen office admin session must not become a spam cannon.
	inviteSendByUser: { points: 30, durationSeconds: 60 * 60 }
} satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof LIMITS;

const limiters = new Map<LimitName, RateLimiterRedis>();

function limiter(name: LimitName): RateLimiterRedis {
	let existing = limiters.get(name);
	if (!existing) {
		const spec = LIMITS[name];
		existing = new RateLimiterRedis({
			storeClient: redis(),
			keyPrefix: redisKey('rl', name),
			points: spec.points,
			duration: spec.durationSeconds
		});
		limiters.set(name, existing);
	}
	return existing;
}

/** Spends one point; refuses with a translated "too many attempts" and the wait in seconds. */
export async function consume(name: LimitName, key: string): Promise<void> {
	try {
		await limiter(name).consume(key.toLowerCase());
	} catch (error) {
		if (error instanceof RateLimiterRes) {
			throw new AppError('too_many_attempts', 'TOO_MANY_REQUESTS', {
				retryAfterSeconds: Math.ceil(error.msBeforeNext / 1000)
			});
		}
		throw error;
	}
}

export async function reset(name: LimitName, key: string): Promise<void> {
	await limiter(name).delete(key.toLowerCase());
}
