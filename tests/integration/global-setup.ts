import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../src/lib/server/db/client';
import { deleteRedisPrefix } from '../support/redis-cleanup';
import { createDatabase, dropDatabase, uniqueName } from '../support/test-database';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * One fresh database, Redis key prefix and upload folder per run, so runs on one machine never
 * collide; all are removed afterwards.
 */
export default async function setup(project: TestProject) {
	const name = uniqueName('lancar_it');
	const url = await createDatabase(name);
	const handle = openPostgres(url, { max: 1 });
	await handle.migrate();
	await handle.close();
	const redisPrefix = `lancar-test-${name}`;
	project.provide('databaseUrl', url);
	project.provide('redisUrl', REDIS_URL);
	project.provide('redisPrefix', redisPrefix);
	const uploadDir = mkdtempSync(path.join(tmpdir(), 'lancar-uploads-'));
	project.provide('uploadDir', uploadDir);
	return async () => {
		rmSync(uploadDir, { recursive: true, force: true });
		await dropDatabase(name);
		await deleteRedisPrefix(REDIS_URL, redisPrefix);
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		databaseUrl: string;
		redisUrl: string;
		redisPrefix: string;
		uploadDir: string;
	}
}
