/**
 * The built web process (adapter-node) on SIGTERM: an open kiosk event stream is ended with the
 * shutdown retry hint and the process exits cleanly, instead of the stream holding the shutdown
 * until SHUTDOWN_TIMEOUT (set far beyond this test's timeout). Needs `npx vite build` first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { SHUTDOWN_RETRY_HINT } from '../../src/lib/server/ops/event-streams';
import { freePorts } from '../support/free-ports';

const built = existsSync('build/index.js');

describe.skipIf(!built)('web process shutdown', () => {
	it('ends open event streams with a retry hint and exits on SIGTERM', async () => {
		const [office] = [
			...(await (
				await db()
			).execute<{ code: string }>(sql`select code from offices where active limit 1`))
		];
		const port = (await freePorts(1))[0]!;
		const server = spawn(process.execPath, ['build/index.js'], {
			env: {
				...process.env,
				NODE_ENV: 'test',
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${port}`,
				DATABASE_URL: inject('databaseUrl'),
				REDIS_URL: inject('redisUrl'),
				REDIS_PREFIX: inject('redisPrefix'),
				RUN_WORKERS: 'false',
				SHUTDOWN_TIMEOUT: '600',
				LOG_LEVEL: 'silent'
			},
			stdio: ['ignore', 'pipe', 'inherit']
		});
		const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
		await new Promise<void>((resolve, reject) => {
			server.stdout!.on('data', (chunk: Buffer) => {
				if (chunk.toString().includes('Listening on')) resolve();
			});
			server.once('exit', (code) => reject(new Error(`web process exited early (${code})`)));
		});

		const response = await fetch(`http://127.0.0.1:${port}/api/kiosk/${office!.code}/events`);
		expect(response.headers.get('content-type')).toContain('text/event-stream');
		const reader = response.body!.getReader();
		const decoder = new TextDecoder();
		let text = decoder.decode((await reader.read()).value);
		expect(text).toContain('retry: 2000');

		server.kill('SIGTERM');
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			text += decoder.decode(value);
		}
		expect(text.endsWith(SHUTDOWN_RETRY_HINT)).toBe(true);
		expect(await exited).toBe(0);
	});
});
