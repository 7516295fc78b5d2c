/**
 * The nginx config of `bench:scaleout` (bench/scaleout/nginx.ts) in front of the built web
 * process, with a second upstream that is down: `nginx -t` accepts it, requests fail over to
 * the live process, the tRPC same-origin guard still compares against the public URL, and
 * event streams pass at once (the app also sends X-Accel-Buffering: no). Needs `npx vite build` first and nginx
 * (scripts/ensure-test-services.sh installs it).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { nginxBinary, startNginx } from '../../bench/scaleout/nginx';
import { db } from '../../src/lib/server/db';
import { freePorts } from '../support/free-ports';

const built = existsSync('build/index.js');

describe.skipIf(!built)('scale-out nginx config', () => {
	let publicUrl = '';
	const dir = mkdtempSync(path.join(tmpdir(), 'lancar-nginx-test-'));
	let web: ReturnType<typeof spawn> | undefined;
	let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;

	beforeAll(async () => {
		expect(existsSync(nginxBinary()), 'nginx missing: run scripts/ensure-test-services.sh').toBe(
			true
		);
		// The proxy's port, the live web process's, and one nobody listens on (a web process that died).
		const [proxyPort, webPort, deadPort] = (await freePorts(3)) as [number, number, number];
		publicUrl = `http://127.0.0.1:${proxyPort}`;
		web = spawn(process.execPath, ['build/index.js'], {
			env: {
				...process.env,
				NODE_ENV: 'test',
				PORT: String(webPort),
				HOST: '127.0.0.1',
				ORIGIN: publicUrl,
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1',
				DATABASE_URL: inject('databaseUrl'),
				REDIS_URL: inject('redisUrl'),
				REDIS_PREFIX: inject('redisPrefix'),
				RUN_WORKERS: 'false',
				LOG_LEVEL: 'silent'
			},
			stdio: ['ignore', 'pipe', 'inherit']
		});
		await new Promise<void>((resolve, reject) => {
			web!.stdout!.on('data', (chunk: Buffer) => {
				if (chunk.toString().includes('Listening on')) resolve();
			});
			web!.once('exit', (code) => reject(new Error(`web process exited early (${code})`)));
		});
		nginx = await startNginx({
			port: proxyPort,
			upstreams: [`127.0.0.1:${deadPort}`, `127.0.0.1:${webPort}`],
			dir,
			connections: 256
		});
	}, 30_000);

	afterAll(async () => {
		await nginx?.stop();
		web?.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	});

	it('reaches the live web process even when the other upstream refuses', async () => {
		for (let request = 0; request < 6; request++) {
			const response = await fetch(`${publicUrl}/healthz`);
			expect(response.status).toBe(200);
		}
	});

	it('lets a same-origin tRPC post through and still refuses a foreign one', async () => {
		const post = (origin: string) =>
			fetch(`${publicUrl}/api/trpc/auth.logout`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin },
				body: '{}'
			});
		const own = await post(publicUrl);
		expect(own.status).not.toBe(403);
		expect(await own.text()).not.toContain('cross_site_request');
		const foreign = await post('https://evil.example');
		expect(foreign.status).toBe(403);
	});

	it('passes event streams through unbuffered', async () => {
		const [office] = [
			...(await (
				await db()
			).execute<{ code: string }>(sql`select code from offices where active limit 1`))
		];
		const controller = new AbortController();
		const response = await fetch(`${publicUrl}/api/kiosk/${office!.code}/events`, {
			signal: controller.signal
		});
		expect(response.headers.get('content-type')).toContain('text/event-stream');
		const reader = response.body!.getReader();
		const first = await Promise.race([
			reader.read().then(({ value }) => new TextDecoder().decode(value)),
			new Promise<string>((resolve) => setTimeout(() => resolve('nothing within 5 s'), 5_000))
		]);
		expect(first).toContain('retry: 2000');
		controller.abort();
	});
});
