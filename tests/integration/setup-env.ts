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
// Every test file starts workers on the one Redis prefix, and each start sets the shared
// hold-sweep schedule: all must agree, or a file starting later slows the sweep another
// file's test waits for (booking-holds: "are swept even when their delayed job was lost").
process.env.HOLD_SWEEP_SECONDS = '1';

let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
	const { startServices } = await import('../../src/lib/server/startup');
	stop = (await startServices({ workers: true })).stop;
});

afterAll(async () => {
	await stop?.();
});
