import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis, type RedisOptions } from 'ioredis';
import { config } from './config';
import { logger } from './logger';

let shared: Redis | undefined;
let autostarted: ChildProcess | undefined;

/** Options BullMQ needs: blocking commands must not be cut off by a retry limit. */
const bullmqOptions: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true };

export function newRedisConnection(): Redis {
	return new Redis(config().REDIS_URL, bullmqOptions);
}

/** One connection shared by rate limiters and queue producers in this process. */
export function redis(): Redis {
	shared ??= newRedisConnection();
	return shared;
}

export function redisKey(...parts: string[]): string {
	return [config().REDIS_PREFIX, ...parts].join(':');
}

export async function answersPing(url: string): Promise<boolean> {
	const probe = new Redis(url, {
		lazyConnect: true,
		maxRetriesPerRequest: 0,
		retryStrategy: () => null,
		connectTimeout: 1500
	});
	probe.on('error', () => {});
	try {
		await probe.connect();
		return (await probe.ping()) === 'PONG';
	} catch {
		return false;
	} finally {
		probe.disconnect();
	}
}

export class RedisUnavailableError extends Error {
	constructor(url: string, reason: string) {
		super(
			`Redis does not answer at ${url} (${reason}).\n` +
				'Lancar needs Redis for its queues. Either:\n' +
				'  - install it: sudo apt-get install redis-server (Debian/Ubuntu) or brew install redis (macOS), then run npm start again, or\n' +
				'  - point REDIS_URL at a running Redis, e.g. REDIS_URL=redis://my-redis:6379'
		);
		this.name = 'RedisUnavailableError';
	}
}

/**
 * Makes sure Redis answers. For a local URL with nothing listening, starts a throwaway
 * `redis-server` (no persistence) as a child of this process, so `npm start` needs nothing else.
 */
export async function ensureRedis(): Promise<void> {
	const { REDIS_URL, REDIS_AUTOSTART } = config();
	if (await answersPing(REDIS_URL)) return;
	const url = new URL(REDIS_URL);
	const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname);
	if (!local || !REDIS_AUTOSTART) {
		throw new RedisUnavailableError(REDIS_URL, local ? 'REDIS_AUTOSTART is off' : 'remote host');
	}
	const installed = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
	if (!installed) throw new RedisUnavailableError(REDIS_URL, 'redis-server is not installed');

	const port = url.port || '6379';
	logger().warn({ port }, 'no Redis answered; starting a local redis-server');
	autostarted = spawn(
		'redis-server',
		['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: 'ignore' }
	);
	const child = autostarted;
	process.once('exit', () => child.kill());
	for (let attempt = 0; attempt < 50; attempt++) {
		if (await answersPing(REDIS_URL)) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new RedisUnavailableError(REDIS_URL, 'the local redis-server did not start');
}

export async function closeRedis(): Promise<void> {
	const current = shared;
	shared = undefined;
	await current?.quit().catch(() => current.disconnect());
}
