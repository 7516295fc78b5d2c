import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { config } from '../config';
import { AppError } from '../errors';
import { redisKey } from '../redis';

let byIp: RateLimiterRedis | undefined;
let byAccount: RateLimiterRedis | undefined;
let choicesByAccount: RateLimiterRedis | undefined;
let limiterConnection: Redis | undefined;

/**
 * The join limits' own auto-pipelined connection: at an opening hundreds of joins a second
 * each run two limit scripts, which then share writes instead of one system call each. The
 * limiters define their script right after it is created, before any pipeline can form.
 */
function connection(): Redis {
	limiterConnection ??= new Redis(config().REDIS_URL, { enableAutoPipelining: true });
	return limiterConnection;
}

export async function closeLimiterRedis(): Promise<void> {
	const current = limiterConnection;
	limiterConnection = undefined;
	byIp = undefined;
	byAccount = undefined;
	choicesByAccount = undefined;
	await current?.quit().catch(() => current.disconnect());
}

function limiters() {
	const settings = config();
	byIp ??= new RateLimiterRedis({
		storeClient: connection(),
		keyPrefix: redisKey('rl', 'roomJoinByIp'),
		points: settings.WAITING_ROOM_JOINS_PER_IP_MINUTE,
		duration: 60
	});
	byAccount ??= new RateLimiterRedis({
		storeClient: connection(),
		keyPrefix: redisKey('rl', 'roomJoinByAccount'),
		points: settings.WAITING_ROOM_JOINS_PER_ACCOUNT_MINUTE,
		duration: 60
	});
	return { byIp, byAccount };
}

/** Stops scripted joining: per address (generous, phones share NAT) and per account. */
export async function consumeJoin(ip: string, accountId: string): Promise<void> {
	const { byIp: ipLimiter, byAccount: accountLimiter } = limiters();
	await limited(Promise.all([ipLimiter.consume(ip), accountLimiter.consume(accountId)]));
}

/** A person edits their choice a few times while waiting; a script changing it on end does not. */
const CHOICES_PER_ACCOUNT_MINUTE = 30;

export async function consumeChoice(accountId: string): Promise<void> {
	choicesByAccount ??= new RateLimiterRedis({
		storeClient: connection(),
		keyPrefix: redisKey('rl', 'roomChoiceByAccount'),
		points: CHOICES_PER_ACCOUNT_MINUTE,
		duration: 60
	});
	await limited(choicesByAccount.consume(accountId));
}

async function limited(consumed: Promise<unknown>): Promise<void> {
	try {
		await consumed;
	} catch (error) {
		if (error instanceof RateLimiterRes) {
			throw new AppError('too_many_attempts', 'TOO_MANY_REQUESTS', {
				retryAfterSeconds: Math.ceil(error.msBeforeNext / 1000)
			});
		}
		throw error;
	}
}
