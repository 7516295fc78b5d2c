/**
 * What the installable app costs a phone, and how fast it opens with no network:
 * - firstLoadJsGzipKB: all JavaScript the landing page downloads on a cold first visit,
 *   each response body gzipped here at level 9 (what a gzip-only connection would carry);
 * - precacheKB: everything the service worker precaches, as stored on the device;
 * - offlineReloadMs: reload of /dashboard with the network off, from navigation start to the
 *   frame that paints the dashboard's main heading, median of BENCH_RUNS (5).
 * Builds the app (BENCH_SKIP_BUILD=1 reuses build/; BENCH_VERBOSE=1 lists the scripts), serves it on its own PostgreSQL database
 * and Redis prefix (removed afterwards), and drives Debian's Chromium as a 360 px phone.
 *   npm run bench:pwa
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import postgres from 'postgres';
import { deleteRedisPrefix } from '../tests/support/redis-cleanup';
import { createDatabase, dropDatabase, uniqueName } from '../tests/support/test-database';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GZIP_LEVEL = 9;
const KB = 1024;
const TARGETS = { firstLoadJsGzipKB: 120, offlineReloadMs: 1000 };
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const PHONE = {
	viewport: { width: 360, height: 740 },
	deviceScaleFactor: 3,
	isMobile: true,
	hasTouch: true,
	userAgent:
		'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) ' +
		'Chrome/130.0.0.0 Mobile Safari/537.36',
	locale: 'id-ID',
	timezoneId: 'Asia/Jakarta'
};

const kb = (bytes: number) => Number((bytes / KB).toFixed(1));
const gzipSize = (bytes: Uint8Array) => gzipSync(bytes, { level: GZIP_LEVEL }).byteLength;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

async function waitUntilServing(origin: string, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(origin)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`the app did not answer on ${origin} within ${timeoutMs / 1000} s`);
}

async function waitForServiceWorkerControl(page: Page) {
	await page.waitForFunction(
		() => navigator.serviceWorker.controller?.state === 'activated',
		null,
		{
			timeout: 30_000
		}
	);
}

/** Cold first visit of the landing page: every JavaScript response the page receives. */
async function measureFirstLoad(browser: Browser, origin: string) {
	const context = await browser.newContext({ ...PHONE, baseURL: origin });
	const page = await context.newPage();
	const scripts: Promise<{ url: string; raw: number; gzip: number }>[] = [];
	page.on('response', (response) => {
		const type = response.headers()['content-type'] ?? '';
		if (!/javascript/.test(type)) return;
		scripts.push(
			response.body().then((body) => ({
				url: new URL(response.url()).pathname,
				raw: body.byteLength,
				gzip: gzipSize(body)
			}))
		);
	});
	await page.goto('/', { waitUntil: 'networkidle' });
	// The service worker registers after the page is up; wait for it so the lazily loaded
	// registration code is counted too, then for its precaching to finish.
	await waitForServiceWorkerControl(page);
	await page.waitForLoadState('networkidle');
	const files = await Promise.all(scripts);
	if (process.env.BENCH_VERBOSE === '1') {
		console.table(files.sort((a, b) => b.gzip - a.gzip).map((f) => ({ ...f, gzip: kb(f.gzip) })));
	}

	const precache = await page.evaluate(async () => {
		const entries: { url: string; bytes: number }[] = [];
		for (const name of await caches.keys()) {
			if (!name.includes('precache')) continue;
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				const response = await cache.match(request);
				entries.push({
					url: request.url,
					bytes: response ? (await response.arrayBuffer()).byteLength : 0
				});
			}
		}
		return entries;
	});
	let precacheGzip = 0;
	for (const entry of precache) {
		precacheGzip += gzipSize(new Uint8Array(await (await fetch(entry.url)).arrayBuffer()));
	}
	const worker = new Uint8Array(await (await fetch(`${origin}/service-worker.js`)).arrayBuffer());
	await context.close();

	return {
		firstLoadJsGzipKB: kb(files.reduce((sum, file) => sum + file.gzip, 0)),
		firstLoadJsRawKB: kb(files.reduce((sum, file) => sum + file.raw, 0)),
		firstLoadJsFiles: files.length,
		serviceWorkerScriptGzipKB: kb(gzipSize(worker)),
		precacheKB: kb(precache.reduce((sum, entry) => sum + entry.bytes, 0)),
		precacheGzipKB: kb(precacheGzip),
		precacheEntries: precache.length
	};
}

/** A fresh account, signed in through the API; the code comes from the dev mailbox table. */
async function signIn(context: BrowserContext, databaseUrl: string) {
	const account = {
		fullName: 'Dewi Lestari',
		email: `bench.${Date.now()}@example.id`,
		phone: '0812 3456 7890',
		birthDate: '1988-04-21',
		password: 'kopi-susu-gula-aren'
	};
	const call = async (procedure: string, input: unknown) => {
		const response = await context.request.post(`/api/trpc/${procedure}`, {
			data: { json: input }
		});
		if (!response.ok())
			throw new Error(`${procedure}: ${response.status()} ${await response.text()}`);
	};
	await call('auth.register', account);

	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	let code = '';
	try {
		const deadline = Date.now() + 20_000;
		while (!code && Date.now() < deadline) {
			const [mail] = await sql<{ text: string }[]>`
				select text from dev_mail where "to" = ${account.email} order by created_at desc limit 1`;
			code = /\b(\d{8})\b/.exec(mail?.text ?? '')?.[1] ?? '';
			if (!code) await new Promise((resolve) => setTimeout(resolve, 250));
		}
	} finally {
		await sql.end();
	}
	if (!code) throw new Error('no verification mail arrived');
	await call('auth.verifyEmail', { email: account.email, code });
	return account;
}

/**
 * Records, in every document, when the first visible h1 is painted (ms since navigation start).
 * A string, not a function: tsx would wrap inner functions in helpers the page does not have.
 */
const RECORD_FIRST_HEADING = `
	new MutationObserver((_, observer) => {
		const heading = document.querySelector('h1');
		if (!heading || heading.getBoundingClientRect().height === 0) return;
		observer.disconnect();
		requestAnimationFrame(() => {
			window.firstHeading = { ms: performance.now(), text: heading.textContent.trim() };
		});
	}).observe(document, { childList: true, subtree: true });
`;

async function measureOfflineReload(browser: Browser, origin: string, databaseUrl: string) {
	const context = await browser.newContext({ ...PHONE, baseURL: origin });
	try {
		const account = await signIn(context, databaseUrl);
		const greeting = `Halo, ${account.fullName}`;
		await context.addInitScript(RECORD_FIRST_HEADING);
		const page = await context.newPage();
		await page.goto('/dashboard');
		await page.getByRole('heading', { level: 1, name: greeting }).waitFor();
		await waitForServiceWorkerControl(page);
		await page.reload({ waitUntil: 'networkidle' }); // now through the service worker

		await context.setOffline(true);
		const runs: number[] = [];
		const headings: { ms: number; text: string }[] = [];
		for (let run = 0; run < RUNS; run++) {
			try {
				await page.reload({ waitUntil: 'commit' });
			} catch (failure) {
				return { ms: null, runs, reason: `offline reload failed: ${String(failure)}` };
			}
			const heading = await page
				.waitForFunction(
					() => (window as unknown as { firstHeading?: unknown }).firstHeading,
					null,
					{
						timeout: 10_000
					}
				)
				.then((handle) => handle.jsonValue() as Promise<{ ms: number; text: string }>)
				.catch(() => null);
			if (!heading) return { ms: null, runs, reason: 'no heading appeared within 10 s offline' };
			headings.push(heading);
			if (heading.text !== greeting) continue;
			runs.push(Number(heading.ms.toFixed(1)));
		}
		if (runs.length < RUNS) {
			const shown = headings.find((heading) => heading.text !== greeting);
			return {
				ms: null,
				runs,
				reason:
					`offline, /dashboard showed "${shown?.text}" instead of "${greeting}" ` +
					`(after ${median(headings.map((h) => h.ms)).toFixed(0)} ms): the dashboard still ` +
					'loads its data from the server; it needs the client-rendered applicant area'
			};
		}
		return { ms: Number(median(runs).toFixed(1)), runs, reason: null };
	} finally {
		await context.close();
	}
}

if (process.env.BENCH_SKIP_BUILD !== '1') {
	const built = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}

const name = uniqueName('lancar_bench');
const redisPrefix = `lancar-bench-${name}`;
const databaseUrl = await createDatabase(name);
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['build/index.js'], {
	stdio: ['ignore', 'ignore', 'inherit'],
	env: {
		...process.env,
		NODE_ENV: 'test',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		DATABASE_URL: databaseUrl,
		REDIS_URL: REDIS_URL,
		REDIS_PREFIX: redisPrefix,
		REDIS_AUTOSTART: 'false',
		DEV_MAILBOX: 'true',
		LOG_LEVEL: 'warn'
	}
});
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update']
});

try {
	await waitUntilServing(origin);
	const firstLoad = await measureFirstLoad(browser, origin);
	const offline = await measureOfflineReload(browser, origin, databaseUrl);

	const result = {
		benchmark: 'pwa',
		date: new Date().toISOString(),
		node: process.version,
		chromium: browser.version(),
		phone: `${PHONE.viewport.width}×${PHONE.viewport.height} CSS px, DPR ${PHONE.deviceScaleFactor}`,
		units: { KB: KB, gzip: `node:zlib level ${GZIP_LEVEL}, each response body on its own` },
		...firstLoad,
		offlineReloadMs: offline.ms,
		offlineReloadRunsMs: offline.runs,
		offlineReloadNote: offline.reason,
		targets: TARGETS
	};

	console.log(JSON.stringify(result, null, 2));
	const verdict = (value: number | null, target: number, below = false) =>
		value === null ? 'not measured' : (below ? value < target : value <= target) ? 'met' : 'MISSED';
	console.table({
		'first-load JS, gzip (KB)': {
			value: result.firstLoadJsGzipKB,
			target: `≤ ${TARGETS.firstLoadJsGzipKB}`,
			verdict: verdict(result.firstLoadJsGzipKB, TARGETS.firstLoadJsGzipKB)
		},
		'first-load JS, raw (KB)': { value: result.firstLoadJsRawKB, target: '', verdict: '' },
		'service worker script, gzip (KB)': {
			value: result.serviceWorkerScriptGzipKB,
			target: '',
			verdict: ''
		},
		[`precache (KB, ${result.precacheEntries} entries)`]: {
			value: result.precacheKB,
			target: '',
			verdict: ''
		},
		'precache, gzip (KB)': { value: result.precacheGzipKB, target: '', verdict: '' },
		[`offline reload /dashboard (ms, median of ${RUNS})`]: {
			value: result.offlineReloadMs ?? 'null',
			target: `< ${TARGETS.offlineReloadMs}`,
			verdict: verdict(result.offlineReloadMs, TARGETS.offlineReloadMs, true)
		}
	});
	if (result.offlineReloadNote) console.log(`offlineReloadMs is null: ${result.offlineReloadNote}`);

	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/pwa.json', `${JSON.stringify(result, null, 2)}\n`);
} finally {
	await browser.close();
	server.kill('SIGTERM');
	await new Promise((resolve) => server.once('exit', resolve));
	await dropDatabase(name).catch(() => {});
	await deleteRedisPrefix(REDIS_URL, redisPrefix).catch(() => {});
}
