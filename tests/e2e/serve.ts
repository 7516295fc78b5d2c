/**
 * Serves the built app for the browser tests against a fresh PostgreSQL database and its own
 * Redis prefix, then drops both when Playwright stops it.
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { deleteRedisPrefix } from '../support/redis-cleanup';
import { createDatabase, dropDatabase, uniqueName } from '../support/test-database';
import { e2eEnvFile } from './server-env';

const port = process.env.E2E_PORT ?? '4173';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const name = uniqueName('lancar_e2e');
const redisPrefix = `lancar-test-${name}`;
const databaseUrl = await createDatabase(name);
// Specs that must set up data no screen makes yet (a submitted application) read these.
writeFileSync(e2eEnvFile(port), JSON.stringify({ databaseUrl, redisUrl, redisPrefix }));

const server = spawn(process.execPath, ['build/index.js'], {
	stdio: 'inherit',
	env: {
		...process.env,
		NODE_ENV: 'test',
		PORT: port,
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${port}`,
		DATABASE_URL: databaseUrl,
		REDIS_URL: redisUrl,
		REDIS_PREFIX: redisPrefix,
		REDIS_AUTOSTART: 'false',
		DEV_MAILBOX: 'true',
		LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn'
	}
});

let cleaning = false;
async function cleanUp(code: number) {
	if (cleaning) return;
	cleaning = true;
	server.kill('SIGTERM');
	await new Promise((resolve) => server.once('exit', resolve).once('error', resolve));
	rmSync(e2eEnvFile(port), { force: true });
	await dropDatabase(name).catch(() => {});
	await deleteRedisPrefix(redisUrl, redisPrefix).catch(() => {});
	process.exit(code);
}

server.on('exit', (code) => void cleanUp(code ?? 1));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void cleanUp(0));
