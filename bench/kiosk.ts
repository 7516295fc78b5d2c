/**
 * The hall boards under load: the built server on PostgreSQL and Redis, N kiosk boards (default
 * 1,000) connected to one office's live feed over server-sent events, and M calls (default 100)
 * made through the staff API one after another. For each call, the time from sending it to the
 * last board receiving it.
 *   npm run bench:kiosk [-- --boards 1000 --calls 100 --port 4226]
 * Writes bench/results/kiosk.json and prints a table. Never pass/fail: figures only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { serverEnvironment } from './server-environment';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import superjson from 'superjson';
import { deleteRedisPrefix } from '../tests/support/redis-cleanup';
import { createDatabase, dropDatabase, uniqueName } from '../tests/support/test-database';
import { answers, startProcess, type Started } from './booking/processes';
import { sessionCookie } from './booking/seed';
import { loopLagMonitor, percentile, round } from './booking/stats';
import { BoardCrowd } from './kiosk/boards';

const { values: args } = parseArgs({
	options: {
		boards: { type: 'string', default: '1000' },
		calls: { type: 'string', default: '100' },
		port: { type: 'string', default: '4226' },
		'call-gap': { type: 'string', default: '100' }
	}
});
const BOARDS = Number(args.boards);
const CALLS = Number(args.calls);
const PORT = Number(args.port);
const CALL_GAP_MS = Number(args['call-gap']);
const DELIVERY_LIMIT_MS = 10_000;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const OFFICE_CODE = 'JKS';
const loadAtStart = loadavg().map((value) => round(value, 2));

if (!existsSync('build/index.js')) {
	console.error('No build found: run `npm run bench:kiosk`, which builds first.');
	process.exit(1);
}

const name = uniqueName('lancar_bench_kiosk');
const prefix = `lancar-bench-${name}`;
const databaseUrl = await createDatabase(name);
process.env.DATABASE_URL = databaseUrl;
process.env.REDIS_URL = REDIS_URL;
process.env.REDIS_PREFIX = prefix;
process.env.LOG_LEVEL = 'silent';
const { openPostgres } = await import('../src/lib/server/db/client');
const { seedOffices } = await import('../src/lib/server/offices/seed');

const handle = openPostgres(databaseUrl, { max: 4 });
const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
let server: Started | undefined;
let crowd: BoardCrowd | undefined;

function log(message: string) {
	console.error(`[bench] ${message}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rssMB(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
	return kb ? round(Number(kb) / 1024, 1) : null;
}

async function cleanUp() {
	crowd?.close();
	await server?.stop();
	await sql.end().catch(() => {});
	await handle.close().catch(() => {});
	await dropDatabase(name).catch(() => {});
	await deleteRedisPrefix(REDIS_URL, prefix).catch(() => {});
}

try {
	log(`database ${name}; seeding ${CALLS} waiting numbers`);
	await handle.migrate();
	await seedOffices(handle.db);
	const [office] = await sql<{ id: string; time_zone: string }[]>`
		select id, time_zone from offices where code = ${OFFICE_CODE}`;
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: office!.time_zone }).format(
		new Date()
	);
	const token = randomBytes(32).toString('base64url');
	const [staff] = await sql<{ id: string }[]>`
		insert into users (email, full_name, phone, password_hash, role, office_id, email_verified_at)
		values ('bench.kiosk@example.id', 'Petugas', '+6281100000007', 'x', 'staff', ${office!.id}, now())
		returning id`;
	await sql`insert into sessions (token_hash, user_id, expires_at)
		values (${createHash('sha256').update(token).digest('hex')}, ${staff!.id}, now() + interval '1 day')`;
	// Walk-in numbers stand in for check-ins: calling them is the same path for the board.
	await sql`
		insert into queue_tickets (office_id, date, series, number, label)
		select ${office!.id}, ${today}, 'A', n, 'A-' || lpad(n::text, 3, '0')
		from generate_series(1, ${CALLS}) n`;
	await sql`insert into queue_counters (office_id, date, series, last_number)
		values (${office!.id}, ${today}, 'A', ${CALLS})`;

	const baseUrl = `http://127.0.0.1:${PORT}`;
	if (await answers(`${baseUrl}/`)) throw new Error(`port ${PORT} is in use; pass --port`);
	server = await startProcess(
		'web',
		['build/index.js'],
		{
			...serverEnvironment(databaseUrl, REDIS_URL, prefix),
			RUN_WORKERS: 'false',
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: baseUrl
		},
		() => answers(`${baseUrl}/`)
	);
	const serverPid = server.child.pid!;

	async function staffCall(procedure: string, input: unknown) {
		const response = await fetch(`${baseUrl}/api/trpc/floor.${procedure}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: sessionCookie(token) },
			body: JSON.stringify(superjson.serialize(input))
		});
		const body = (await response.json()) as { result?: { data: unknown }; error?: unknown };
		if (!response.ok) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
		return superjson.deserialize(body.result!.data as never) as Record<string, unknown>;
	}

	const counter = await staffCall('openCounter', { number: 1, name: 'Loket 1' });
	const rssBeforeBoards = rssMB(serverPid, 'VmRSS');
	log(`connecting ${BOARDS} boards`);
	crowd = new BoardCrowd(`${baseUrl}/api/kiosk/${OFFICE_CODE}/events`);
	const connectStarted = performance.now();
	await crowd.connect(BOARDS);
	const connectMs = performance.now() - connectStarted;
	log(`${crowd.connected} boards connected in ${Math.round(connectMs)} ms; making ${CALLS} calls`);
	const rssWithBoards = rssMB(serverPid, 'VmRSS');

	const lag = loopLagMonitor();
	const fanouts: number[] = [];
	const callAnswerMs: number[] = [];
	let deliveredAll = true;
	for (let index = 0; index < CALLS; index++) {
		if (index > 0) await staffCall('finish', { counterId: counter.id, ending: 'done' });
		const sentAt = performance.now();
		const called = await staffCall('callNext', { counterId: counter.id });
		callAnswerMs.push(performance.now() - sentAt);
		const label = String(called.label);
		const deadline = sentAt + DELIVERY_LIMIT_MS;
		while ((crowd.deliveries.get(label)?.boards ?? 0) < BOARDS && performance.now() < deadline) {
			await sleep(2);
		}
		const delivery = crowd.deliveries.get(label);
		if (!delivery || delivery.boards < BOARDS) {
			deliveredAll = false;
			log(`call ${label} reached ${delivery?.boards ?? 0} of ${BOARDS} boards`);
		} else {
			fanouts.push(delivery.lastAt - sentAt);
		}
		await sleep(CALL_GAP_MS);
	}
	const loopLag = lag.stop();
	// Every board got every call exactly once, not only by the deadline above.
	for (const delivery of crowd.deliveries.values()) {
		if (delivery.boards !== BOARDS) deliveredAll = false;
	}
	if (crowd.deliveries.size !== CALLS) deliveredAll = false;

	const results = {
		boards: BOARDS,
		boardsConnected: crowd.connected,
		calls: CALLS,
		deliveredAll,
		fanoutP50Ms: round(percentile(fanouts, 50)),
		fanoutP99Ms: round(percentile(fanouts, 99)),
		fanoutMaxMs: round(Math.max(...fanouts)),
		callAnswerP50Ms: round(percentile(callAnswerMs, 50)),
		connectAllMs: round(connectMs, 0),
		serverRssMB: rssMB(serverPid, 'VmRSS'),
		serverRssBeforeBoardsMB: rssBeforeBoards,
		serverRssWithBoardsMB: rssWithBoards,
		serverPeakRssMB: rssMB(serverPid, 'VmHWM'),
		benchLoopLagP99Ms: round(loopLag.p99),
		machine: {
			cpus: availableParallelism(),
			memoryGB: round(totalmem() / 1024 ** 3, 1),
			loadAtStart
		},
		note: 'fanout = call sent (staff API) → the last of all boards received it, measured in the bench process, which also reads every board (its loop lag is included); one web process, boards and server on the same machine',
		at: new Date().toISOString()
	};
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/kiosk.json', `${JSON.stringify(results, null, '\t')}\n`);
	console.log(JSON.stringify(results, null, 2));
	console.table({
		boards: { value: `${results.boardsConnected} of ${BOARDS}` },
		calls: { value: CALLS },
		'every call on every board': { value: deliveredAll },
		'fan-out p50 (ms)': { value: results.fanoutP50Ms },
		'fan-out p99 (ms)': { value: results.fanoutP99Ms },
		'fan-out max (ms)': { value: results.fanoutMaxMs },
		'call answer p50 (ms)': { value: results.callAnswerP50Ms },
		'server RSS before boards / with boards / end (MB)': {
			value: `${rssBeforeBoards} / ${rssWithBoards} / ${results.serverRssMB}`
		}
	});
} finally {
	await cleanUp();
}
