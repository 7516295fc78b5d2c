import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { config, parseConfig } from '../../src/lib/server/config';
import { db } from '../../src/lib/server/db';
import { openPostgres } from '../../src/lib/server/db/client';
import { healthResponse } from '../../src/lib/server/ops/health-routes';
import { checkReadiness, shippedMigrations } from '../../src/lib/server/ops/readiness';
import { freePorts } from '../support/free-ports';
import { METRICS_TEST_TOKEN } from './metrics-scrape';

/** A configuration like this process's, with some variables pointing elsewhere. */
function configWith(overrides: Record<string, string>) {
	return parseConfig({ ...process.env, ...overrides });
}

// Port 1 (tcpmux) has nothing listening here: connections are refused at once.
const CLOSED_POSTGRES = 'postgres://postgres@127.0.0.1:1/lancar';
const CLOSED_REDIS = 'redis://127.0.0.1:1';

describe('readiness', () => {
	it('is ready with the running Postgres, Redis and a migrated database', async () => {
		expect(await checkReadiness({ database: db, redisUrl: config().REDIS_URL })).toEqual({
			ready: true,
			failing: []
		});
		const answer = (await healthResponse('/readyz'))!;
		expect(answer.status).toBe(200);
		expect(await answer.json()).toEqual({ status: 'ready' });
	});

	it('answers /healthz while alive and nothing for other paths', async () => {
		const answer = (await healthResponse('/healthz'))!;
		expect(answer.status).toBe(200);
		expect(await answer.json()).toEqual({ status: 'alive' });
		expect(await healthResponse('/readyz/extra')).toBeNull();
	});

	it('names Postgres when the database URL points to a closed port', async () => {
		const settings = configWith({ DATABASE_URL: CLOSED_POSTGRES });
		const dead = openPostgres(settings.DATABASE_URL!, { max: 1 });
		try {
			const readiness = await checkReadiness({
				database: async () => dead.db,
				redisUrl: settings.REDIS_URL
			});
			expect(readiness.ready).toBe(false);
			expect(readiness.failing.map((failure) => failure.part)).toEqual(['postgres']);
		} finally {
			await dead.close();
		}
	});

	it('names Redis when Redis is unreachable', async () => {
		const settings = configWith({ REDIS_URL: CLOSED_REDIS });
		const readiness = await checkReadiness({ database: db, redisUrl: settings.REDIS_URL });
		expect(readiness.ready).toBe(false);
		expect(readiness.failing.map((failure) => failure.part)).toEqual(['redis']);
	});

	it('names the migrations when this build ships one the database lacks', async () => {
		const readiness = await checkReadiness({
			database: db,
			redisUrl: config().REDIS_URL,
			migrations: [...shippedMigrations(), Date.now()]
		});
		expect(readiness.failing).toEqual([{ part: 'migrations', reason: '1 not applied' }]);
	});
});

describe('the standalone worker process', () => {
	it('answers /healthz, /readyz and /metrics on WORKER_HEALTH_PORT and exits cleanly on SIGTERM', async () => {
		const port = (await freePorts(1))[0]!;
		const child = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], {
			env: {
				...process.env,
				DATABASE_URL: inject('databaseUrl'),
				REDIS_URL: inject('redisUrl'),
				REDIS_PREFIX: inject('redisPrefix'),
				WORKER_HEALTH_PORT: String(port),
				METRICS_TOKEN: METRICS_TEST_TOKEN,
				LOG_LEVEL: 'info'
			},
			stdio: ['ignore', 'pipe', 'inherit']
		});
		try {
			let output = '';
			await new Promise<void>((resolve, reject) => {
				child.stdout!.on('data', (chunk: Buffer) => {
					output += chunk.toString();
					if (output.includes('worker health listener up')) resolve();
				});
				child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
			});
			const alive = await fetch(`http://127.0.0.1:${port}/healthz`);
			expect(alive.status).toBe(200);
			const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
			expect(ready.status).toBe(200);
			expect(await ready.json()).toEqual({ status: 'ready' });
			expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
			expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
			const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, {
				headers: { authorization: `Bearer ${METRICS_TEST_TOKEN}` }
			});
			expect(metrics.status).toBe(200);
			expect(await metrics.text()).toContain('# TYPE lancar_job_processing_seconds histogram');
		} finally {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
		}
		// A cold start compiles the whole server with tsx; on a busy 2-core machine that alone
		// has taken over 30 s while the other test files run.
	}, 120_000);
});
