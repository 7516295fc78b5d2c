import { afterAll, beforeAll, inject } from 'vitest';

// Set before any server module reads its configuration (config() is read lazily).
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = inject('databaseUrl');
process.env.REDIS_URL = inject('redisUrl');
process.env.REDIS_PREFIX = inject('redisPrefix');
process.env.UPLOAD_DIR = inject('uploadDir');
process.env.REDIS_AUTOSTART = 'false';
process.env.DEV_MAILBOX = 'true';
process.env.LOG_LEVEL = 'silent';

let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
	const { startServices } = await import('../../src/lib/server/startup');
	stop = (await startServices({ workers: true })).stop;
});

afterAll(async () => {
	await stop?.();
});
