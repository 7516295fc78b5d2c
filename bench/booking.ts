/**
 * A quota release opening, played end to end on this machine: real web and worker processes
 * on PostgreSQL and Redis, N virtual applicants (default 5,000) for M seats (default 500) at
 * three offices opening at once, one of them hot, all through the HTTP API. Then, with the
 * processes stopped, the comparisons: booking straight against PostgreSQL with no room, the
 * hot-row UPDATE ceiling, and the room's memory per waiting person.
 *   npm run bench:booking [-- --applicants 5000 --seats 500 --web 2 --workers 1]
 * Writes bench/results/booking.json and prints a table. Never pass/fail: figures only.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { countInversions } from '../src/lib/domain/waiting-room';
import { deleteRedisPrefix } from '../tests/support/redis-cleanup';
import { createDatabase, dropDatabase, uniqueName } from '../tests/support/test-database';
import { measureHotRowTps, measureNaiveBooking, measureRoomMemory } from './booking/measure';
import { answers, startProcess, type Started } from './booking/processes';
import { seedAccounts, seedRelease, type VirtualAccount } from './booking/seed';
import { loopLagMonitor, percentile, round } from './booking/stats';
import { networkErrors, play, type Applicant, type Recorder } from './booking/virtual-applicant';

const { values: args } = parseArgs({
	options: {
		applicants: { type: 'string', default: '5000' },
		seats: { type: 'string', default: '500' },
		web: { type: 'string', default: '2' },
		workers: { type: 'string', default: '1' },
		'live-share': { type: 'string', default: '0.8' },
		'memory-waiters': { type: 'string', default: '100000' },
		'base-port': { type: 'string', default: '4213' },
		'pre-window': { type: 'string', default: '60' }
	}
});
const loadAtStart = loadavg().map((value) => round(value, 2));
const N = Number(args.applicants);
const SEATS = Number(args.seats);
const WEB = Number(args.web);
const WORKERS = Number(args.workers);
const LIVE_SHARE = Number(args['live-share']);
const MEMORY_WAITERS = Number(args['memory-waiters']);
const BASE_PORT = Number(args['base-port']);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const KIND = { passportType: 'elektronik' as const, service: 'reguler' as const };

/** Three offices opening at once: one hot (most people, most seats) and two calmer ones. */
const OFFICES = [
	{ code: 'JKS', share: 0.8, seatShare: 0.5, earlyShare: 0.9, rateShare: 0.6 },
	{ code: 'NGR', share: 0.12, seatShare: 0.25, earlyShare: 0.5, rateShare: 0.2 },
	{ code: 'DJJ', share: 0.08, seatShare: 0.25, earlyShare: 0.1, rateShare: 0.2 }
];
const PRE_WINDOW_MS = Number(args['pre-window']) * 1000;
const POST_WINDOW_MS = 10_000;
const PLAY_LIMIT_MS = 150_000;
const PIPELINE_ATTEMPTS = 2_000;
/** Late arrivals per room who join one after another, for the FIFO check. */
const FIFO_CHAIN = 25;

if (!existsSync('build/index.js')) {
	console.error('No build found: run `npm run bench:booking`, which builds first.');
	process.exit(1);
}

const name = uniqueName('lancar_bench');
const prefix = `lancar-bench-${name}`;
const memoryPrefix = `${prefix}-memory`;
const databaseUrl = await createDatabase(name);
// This process uses the server modules only for seeding and the comparisons; its own Redis
// keys live under a prefix of their own so the running admitters never see them.
process.env.DATABASE_URL = databaseUrl;
process.env.REDIS_URL = REDIS_URL;
process.env.REDIS_PREFIX = memoryPrefix;
process.env.LOG_LEVEL = 'silent';
const { openPostgres } = await import('../src/lib/server/db/client');
const { seedOffices } = await import('../src/lib/server/offices/seed');
const { closeRedis } = await import('../src/lib/server/redis');
const { closeRoomRedis } = await import('../src/lib/server/waiting-room/connection');

const processes: Started[] = [];
const handle = openPostgres(databaseUrl, { max: 20 });
const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });

function log(message: string) {
	console.error(`[bench] ${message}`);
}

function officeDate(days: number, timeZone: string) {
	const date = new Intl.DateTimeFormat('en-CA', { timeZone }).format(
		new Date(Date.now() + days * 86_400_000)
	);
	return { date, weekday: new Date(`${date}T12:00:00Z`).getUTCDay() || 7 };
}

async function cleanUp() {
	await Promise.all(processes.map((started) => started.stop()));
	await sql.end().catch(() => {});
	await handle.close().catch(() => {});
	await closeRedis().catch(() => {});
	await closeRoomRedis().catch(() => {});
	await dropDatabase(name).catch(() => {});
	await deleteRedisPrefix(REDIS_URL, prefix).catch(() => {});
	await deleteRedisPrefix(REDIS_URL, memoryPrefix).catch(() => {});
}

try {
	log(`database ${name}; migrating and seeding ${N} applicants`);
	await handle.migrate();
	await seedOffices(handle.db);
	const offices = await sql<{ id: string; code: string; time_zone: string }[]>`
		select id, code, time_zone from offices where code in ('JKS', 'NGR', 'DJJ', 'BDG')`;
	const officeByCode = new Map(offices.map((office) => [office.code, office]));
	const [staff] = await sql<{ id: string }[]>`
		insert into users (email, full_name, phone, password_hash, role, office_id, email_verified_at)
		values ('bench.staff@example.id', 'Petugas', '+6281100000009', 'x', 'staff', ${officeByCode.get('JKS')!.id}, now())
		returning id`;
	const adminToken = randomBytes(32).toString('base64url');
	const [admin] = await sql<{ id: string }[]>`
		insert into users (email, full_name, phone, password_hash, role, email_verified_at)
		values ('bench.admin@example.id', 'Admin', '+6281100000008', 'x', 'admin', now()) returning id`;
	await sql`insert into sessions (token_hash, user_id, expires_at)
		values (${createHash('sha256').update(adminToken).digest('hex')}, ${admin!.id}, now() + interval '1 day')`;
	const accounts = await seedAccounts(sql, N, KIND);

	const environment = {
		NODE_ENV: 'production',
		DATABASE_URL: databaseUrl,
		REDIS_URL,
		REDIS_PREFIX: prefix,
		REDIS_AUTOSTART: 'false',
		ADMISSION_TOKEN_SECRET: randomBytes(32).toString('base64url'),
		RECEIPT_KEY_SECRET: randomBytes(32).toString('base64url'),
		PAYMENT_WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
		LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn',
		// Every virtual applicant comes from 127.0.0.1; the per-account limit still applies.
		WAITING_ROOM_JOINS_PER_IP_MINUTE: '1000000',
		// Longer than the client's own keep-alive, so the client always closes an idle socket
		// first (otherwise a request may race the server closing it).
		KEEP_ALIVE_TIMEOUT: '65'
	};
	log(`starting ${WORKERS} worker and ${WEB} web processes`);
	const { Queue } = await import('bullmq');
	const { Redis } = await import('ioredis');
	const probeConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
	const hotQueue = new Queue(`booking-${officeByCode.get('JKS')!.id}`, {
		connection: probeConnection,
		prefix: `${prefix}:bull`
	});
	for (let index = 0; index < WORKERS; index++) {
		processes.push(
			await startProcess(
				`worker-${index}`,
				['--import', 'tsx', 'worker/index.ts'],
				{ ...environment, RUN_WORKERS: 'true' },
				async () => (await hotQueue.getWorkers()).length > index
			)
		);
	}
	await hotQueue.close();
	probeConnection.disconnect();
	const baseUrls: string[] = [];
	for (let index = 0; index < WEB; index++) {
		const port = BASE_PORT + index;
		const baseUrl = `http://127.0.0.1:${port}`;
		if (await answers(`${baseUrl}/`)) throw new Error(`port ${port} is in use; pass --base-port`);
		processes.push(
			await startProcess(
				`web-${index}`,
				[...(process.env.BENCH_WEB_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'build/index.js'],
				{
					...environment,
					RUN_WORKERS: 'false',
					PORT: String(port),
					HOST: '127.0.0.1',
					ORIGIN: baseUrl
				},
				() => answers(`${baseUrl}/`)
			)
		);
		baseUrls.push(baseUrl);
	}

	const opensAt = new Date(Date.now() + PRE_WINDOW_MS + 8_000);
	const rooms: {
		code: string;
		releaseId: string;
		seats: number;
		people: VirtualAccount[];
		rate: number;
	}[] = [];
	let offset = 0;
	for (const office of OFFICES) {
		const row = officeByCode.get(office.code)!;
		const seats = Math.round(SEATS * office.seatShare);
		const { date, weekday } = officeDate(3, row.time_zone);
		const release = await seedRelease(handle.db, {
			officeId: row.id,
			timeZone: row.time_zone,
			staffId: staff!.id,
			seats,
			perSlot: 5,
			opensAt,
			date,
			weekday,
			kind: KIND,
			label: `Bench ${office.code}`
		});
		const count =
			office === OFFICES[OFFICES.length - 1] ? N - offset : Math.round(N * office.share);
		rooms.push({
			code: office.code,
			releaseId: release.id,
			seats,
			people: accounts.slice(offset, offset + count),
			rate: 0
		});
		offset += count;
	}

	// The admission rate, set live by an admin through the API, below what the booking worker
	// sustains: a calibration of the decision transaction on this machine, shared by the rooms.
	const calibration = await calibrateDecisions(handle.db, sql, officeByCode.get('BDG')!);
	const totalRate = Math.max(10, Math.floor(calibration * 0.8));
	for (const [index, room] of rooms.entries()) {
		room.rate = Math.max(5, Math.floor(totalRate * OFFICES[index]!.rateShare));
		const response = await fetch(`${baseUrls[0]}/api/trpc/waitingRoom.setRate`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: `lancar_session=${adminToken}` },
			body: JSON.stringify({ json: { releaseId: room.releaseId, ratePerSecond: room.rate } })
		});
		if (!response.ok)
			throw new Error(`setRate failed: ${response.status} ${await response.text()}`);
	}
	log(
		`rates ${rooms.map((room) => `${room.code}=${room.rate}/s`).join(', ')}; opening at ${opensAt.toISOString()}`
	);

	const openingPerf = performance.now() + (opensAt.getTime() - Date.now());
	const applicants: Applicant[] = [];
	for (const [roomIndex, room] of rooms.entries()) {
		const earlyShare = OFFICES[roomIndex]!.earlyShare;
		room.people.forEach((account, index) => {
			const early = index < Math.round(room.people.length * earlyShare);
			applicants.push({
				index: applicants.length,
				office: room.code,
				releaseId: room.releaseId,
				account,
				baseUrl: baseUrls[applicants.length % baseUrls.length]!,
				early,
				arriveAt: early
					? openingPerf - PRE_WINDOW_MS + Math.random() * (PRE_WINDOW_MS - 500)
					: openingPerf + 50 + Math.random() * POST_WINDOW_MS,
				live: Math.random() < LIVE_SHARE,
				attempts: 0,
				attemptMs: []
			});
		});
		// The first late arrivals of each room come one after another (each joins when the one
		// before has its answer), so the FIFO check has pairs of definite order even when join
		// answers are slow enough for every other pair to overlap.
		const chain = applicants
			.filter((applicant) => applicant.office === room.code && !applicant.early)
			.slice(0, FIFO_CHAIN);
		let previous: Applicant | undefined;
		for (const applicant of chain) {
			applicant.joined = new Promise<void>((resolve) => (applicant.markJoined = resolve));
			applicant.arriveAt = openingPerf + 50;
			if (previous) applicant.joinsAfter = previous.joined;
			previous = applicant;
		}
	}
	const recorder: Recorder = {
		joinMs: [],
		statusMs: [],
		statusSentAt: [],
		deadline: openingPerf + PLAY_LIMIT_MS
	};
	const lag = loopLagMonitor();
	log(`playing: ${applicants.length} applicants, ${SEATS} seats`);
	await Promise.all(applicants.map((applicant) => play(applicant, recorder)));
	const clientLag = lag.stop();
	log('play finished; reading the outcome from the database');

	const figures = await outcomeFigures(applicants, recorder, rooms, opensAt, openingPerf);
	const queueFigures = await bookingQueueFigures(
		rooms.map((room) => officeByCode.get(room.code)!.id)
	);
	log('booking pipeline: attempts straight into a queue, decided by the running worker');
	const pipeline = await pipelineComparison(handle.db, sql, officeByCode.get('BDG')!);
	for (const started of processes.splice(0)) await started.stop();

	log('comparisons: hot-row ceiling, naive booking, room memory');
	const pgHotRowTps = await measureHotRowTps(databaseUrl);
	const naive = await naiveComparison(handle.db, sql, officeByCode.get('BDG')!);
	const memory = await measureRoomMemory(MEMORY_WAITERS);

	const result = {
		benchmark: 'booking',
		date: new Date().toISOString(),
		node: process.version,
		cores: availableParallelism(),
		memoryGiB: round(totalmem() / 2 ** 30, 1),
		setup: {
			serverLogLevel: environment.LOG_LEVEL,
			webProcesses: WEB,
			workerProcesses: WORKERS,
			liveShare: LIVE_SHARE,
			offices: rooms.map((room, index) => ({
				code: room.code,
				applicants: room.people.length,
				seats: room.seats,
				earlyShare: OFFICES[index]!.earlyShare,
				admissionRatePerSec: room.rate
			})),
			calibrationDecisionsPerSec: round(calibration, 0),
			preWindowMs: PRE_WINDOW_MS,
			postWindowMs: POST_WINDOW_MS
		},
		applicants: N,
		slots: SEATS,
		...figures.headline,
		pipelineBookingsPerSec: round(pipeline.bookingsPerSec, 0),
		pipelineVsHotRow: round(pipeline.bookingsPerSec / pgHotRowTps, 2),
		naiveBookingsPerSec: round(naive.bookingsPerSec, 0),
		naiveDecisionsPerSec: round(naive.decisionsPerSec, 0),
		pgHotRowTps: round(pgHotRowTps, 0),
		redisBytesPerWaiter: round(memory.bytesPerWaiter, 0),
		redisMiBFor100kWaiters: round((memory.bytesPerWaiter * 100_000) / 2 ** 20, 1),
		bookingsPerSecVsHotRow: round(
			figures.headline.bookingsPerSec !== null
				? figures.headline.bookingsPerSec / pgHotRowTps
				: null,
			2
		),
		clientLoopLagMs: { p50: round(clientLag.p50, 1), p99: round(clientLag.p99, 1) },
		networkErrors,
		loadAverageAtStart: loadAtStart,
		perOffice: figures.perOffice,
		phases: figures.phases,
		queue: queueFigures,
		outcomes: figures.outcomes,
		definitions: {
			slots: 'seats offered in the three releases together (slots of 5 seats each)',
			booked: 'holds in the database after the play',
			oversold: 'seats held beyond a slot’s capacity, counted from the bookings table (must be 0)',
			unanswered:
				'virtual applicants with no final answer (booked, sold out, refused) when the play ended (must be 0)',
			fifoInversions:
				'pairs of post-opening arrivals in one room where A’s join answer came before B’s join was sent, yet B was admitted before A, or B was admitted and A never was (must be 0); plus admissions out of ticket order among post-opening arrivals. The first 25 late arrivals of each room join one after another, so there are always pairs to check',
			fifoPairsChecked:
				'post-opening pairs with a definite arrival order (A answered before B sent) that the check compared',
			bookingsPerSec:
				'end to end through the room: bookings divided by the time from the first to the last booking decision (worker commit times). Bounded by the admission rates (set to 80% of calibrationDecisionsPerSec) and by how fast admitted people pick a slot and send it, not only by the booking pipeline',
			pipelineBookingsPerSec: `the booking pipeline alone: ${PIPELINE_ATTEMPTS} attempts for as many seats put at once into an office's BullMQ queue (as web processes enqueue them), decided by the running worker process(es) (decision transaction, admission settle, hold-expiry job, announcement), divided by the time from enqueueing to the last decision; measured right after the play, machine not idle`,
			bookingsPerSecFromOpening:
				'bookings divided by the time from the opening to the last booking decision',
			decisionMs:
				'from the moment a person could be served (their join answer, or the opening for the pre-queue) to their final answer',
			statusP99Ms:
				'waitingRoom.status calls of polling applicants, the whole play: before the opening and through the herd after it (live-stream events are not requests)',
			statusP99BeforeOpeningMs:
				'the same, only the calls sent before the opening, while the pre-queue fills and waits',
			naiveBookingsPerSec:
				'the same decision transaction run straight from request handlers (20 connections) for the same kind of release, no room, until its seats ran out; machine otherwise idle',
			pgHotRowTps: 'UPDATE of one row, 16 connections, 5 s, machine otherwise idle',
			phases:
				'where the time of the opening goes, from the virtual applicants’ clocks: admissionSeenMs (from the moment a person could be served to their client seeing the admission), bookedAfterAdmissionSeenMs (from then to the booking answer: free days, slots, attempt, retries), attemptRoundTripMs (one attempt sent to its final answer), soldOutToldAfterLastBookingMs (a sold-out person told after their room’s last booking), bookingWindowPerRoomMs (first and last booking after the opening)',
			queue:
				'booking jobs from BullMQ’s own stamps: waitMs (enqueued to picked up by the worker) and decideMs (picked up to finished: decision, settle, hold-expiry job, announcement)',
			redisBytesPerWaiter: `MEMORY USAGE over every key of an open room holding ${MEMORY_WAITERS} waiting people, divided by them`
		}
	};
	printTable(result);
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/booking.json', `${JSON.stringify(result, null, 2)}\n`);
	console.log(JSON.stringify(result, null, 2));
} finally {
	await cleanUp();
}

/**
 * Decisions per second of the booking transaction on this machine, measured briefly before the
 * play on a scratch release, to set the rooms' admission rates below it.
 */
async function calibrateDecisions(
	db: typeof handle.db,
	client: postgres.Sql,
	office: { id: string; time_zone: string }
) {
	const scratch = await seedAccounts(client, 400, KIND);
	const { date, weekday } = officeDate(10, office.time_zone);
	const release = await seedRelease(db, {
		officeId: office.id,
		timeZone: office.time_zone,
		staffId: (await client<{ id: string }[]>`select id from users where role = 'staff' limit 1`)[0]!
			.id,
		seats: 2_000,
		perSlot: 20,
		opensAt: new Date(Date.now() - 1_000),
		date,
		weekday,
		kind: KIND,
		label: 'Kalibrasi'
	});
	const slotIds = (
		await client<{ id: string }[]>`select id from slots where release_id = ${release.id}`
	).map((row) => row.id);
	const result = await measureNaiveBooking(db, {
		people: scratch.map((account) => ({
			accountId: account.accountId,
			applicationId: account.applicationId
		})),
		slotIds,
		releaseId: release.id,
		officeId: office.id,
		concurrency: 8
	});
	// Clear the scratch release so the naive comparison later starts from the same state.
	await client`delete from bookings where release_id = ${release.id}`;
	await client`delete from booking_attempts where release_id = ${release.id}`;
	await client`delete from slots where release_id = ${release.id}`;
	await client`delete from quota_releases where id = ${release.id}`;
	await client`delete from slot_templates where office_id = ${office.id}`;
	return result.decisionsPerSec;
}

/** The worker's pace with a full queue: every attempt fits, so every decision books. */
async function pipelineComparison(
	db: typeof handle.db,
	client: postgres.Sql,
	office: { id: string; time_zone: string }
) {
	const people = await seedAccounts(client, PIPELINE_ATTEMPTS, KIND);
	const { date, weekday } = officeDate(5, office.time_zone);
	const perSlot = 20;
	const release = await seedRelease(db, {
		officeId: office.id,
		timeZone: office.time_zone,
		staffId: (await client<{ id: string }[]>`select id from users where role = 'staff' limit 1`)[0]!
			.id,
		seats: PIPELINE_ATTEMPTS,
		perSlot,
		opensAt: new Date(Date.now() - 1_000),
		date,
		weekday,
		kind: KIND,
		label: 'Pipeline'
	});
	const slotIds = (
		await client<
			{ id: string }[]
		>`select id from slots where release_id = ${release.id} order by starts_at`
	).map((row) => row.id);
	const { Queue } = await import('bullmq');
	const { Redis } = await import('ioredis');
	const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
	const queue = new Queue(`booking-${office.id}`, { connection, prefix: `${prefix}:bull` });
	try {
		const started = performance.now();
		const startedAt = new Date();
		await queue.addBulk(
			people.map((person, index) => {
				const attemptId = randomUUID();
				return {
					name: 'decide',
					data: {
						attemptId,
						accountId: person.accountId,
						releaseId: release.id,
						officeId: office.id,
						slotId: slotIds[Math.floor(index / perSlot)]!,
						applicationIds: [person.applicationId],
						tokenId: `pipeline-${index}`
					},
					opts: {
						jobId: attemptId,
						attempts: 20,
						backoff: { type: 'exponential', delay: 200 },
						removeOnComplete: { age: 3_600, count: 50_000 }
					}
				};
			})
		);
		const deadline = performance.now() + 120_000;
		let decided = 0;
		while (decided < PIPELINE_ATTEMPTS && performance.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			[{ decided = 0 } = { decided: 0 }] = await client<{ decided: number }[]>`
				select count(*)::int as decided from booking_attempts where release_id = ${release.id}`;
		}
		const [{ booked, last } = { booked: 0, last: null }] = await client<
			{ booked: number; last: Date | null }[]
		>`select count(*) filter (where outcome = 'booked')::int as booked, max(decided_at) as last
			from booking_attempts where release_id = ${release.id}`;
		const seconds = last
			? (last.getTime() - startedAt.getTime()) / 1000
			: (performance.now() - started) / 1000;
		return { booked, decided, bookingsPerSec: booked / seconds };
	} finally {
		await queue.close();
		connection.disconnect();
	}
}

async function naiveComparison(
	db: typeof handle.db,
	client: postgres.Sql,
	office: { id: string; time_zone: string }
) {
	const people = await seedAccounts(client, N, KIND);
	const { date, weekday } = officeDate(4, office.time_zone);
	const release = await seedRelease(db, {
		officeId: office.id,
		timeZone: office.time_zone,
		staffId: (await client<{ id: string }[]>`select id from users where role = 'staff' limit 1`)[0]!
			.id,
		seats: SEATS,
		perSlot: 5,
		opensAt: new Date(Date.now() - 1_000),
		date,
		weekday,
		kind: KIND,
		label: 'Naive'
	});
	const slotIds = (
		await client<{ id: string }[]>`select id from slots where release_id = ${release.id}`
	).map((row) => row.id);
	return measureNaiveBooking(db, {
		people: people.map((account) => ({
			accountId: account.accountId,
			applicationId: account.applicationId
		})),
		slotIds,
		releaseId: release.id,
		officeId: office.id,
		concurrency: 20
	});
}

/** Booking jobs' time waiting in their queue and being decided, from BullMQ's own stamps. */
async function bookingQueueFigures(officeIds: string[]) {
	const { Queue } = await import('bullmq');
	const { Redis } = await import('ioredis');
	const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
	const waits: number[] = [];
	const runs: number[] = [];
	try {
		for (const officeId of officeIds) {
			const queue = new Queue(`booking-${officeId}`, { connection, prefix: `${prefix}:bull` });
			for (const job of await queue.getJobs(['completed'], 0, 100_000)) {
				if (job.processedOn && job.finishedOn) {
					waits.push(job.processedOn - job.timestamp);
					runs.push(job.finishedOn - job.processedOn);
				}
			}
			await queue.close();
		}
	} finally {
		connection.disconnect();
	}
	return {
		jobs: waits.length,
		waitMs: { p50: round(percentile(waits, 50), 0), p99: round(percentile(waits, 99), 0) },
		decideMs: { p50: round(percentile(runs, 50), 0), p99: round(percentile(runs, 99), 0) }
	};
}

async function outcomeFigures(
	people: Applicant[],
	recorder: Recorder,
	rooms: { code: string; releaseId: string; seats: number }[],
	opening: Date,
	openingPerf: number
) {
	const releaseIds = rooms.map((room) => room.releaseId);
	const [{ booked } = { booked: 0 }] = await sql<{ booked: number }[]>`
		select count(*)::int as booked from bookings where release_id = any(${releaseIds}) and status = 'held'`;
	const [{ oversold } = { oversold: 0 }] = await sql<{ oversold: number }[]>`
		select coalesce(sum(greatest(0, held - capacity)), 0)::int as oversold from (
			select s.id, s.capacity, count(b.id) as held from slots s
			left join bookings b on b.slot_id = s.id and b.status in ('held', 'paid')
			where s.release_id = any(${releaseIds}) group by s.id, s.capacity
		) per_slot`;
	const [{ first, last } = { first: null, last: null }] = await sql<
		{ first: Date | null; last: Date | null }[]
	>`
		select min(decided_at) as first, max(decided_at) as last from booking_attempts
		where release_id = any(${releaseIds}) and outcome = 'booked'`;
	const spanSeconds = first && last ? (last.getTime() - first.getTime()) / 1000 : 0;
	const fromOpeningSeconds = last ? (last.getTime() - opening.getTime()) / 1000 : 0;

	const answered = people.filter((person) => person.outcome && person.outcome !== 'error');
	const decisionMs = (list: Applicant[]) =>
		list
			.filter(
				(person) =>
					person.finalAt !== undefined && person.joinEnd !== undefined && person.outcome !== 'error'
			)
			.map((person) => person.finalAt! - Math.max(person.joinEnd!, openingPerf));

	let fifoInversions = 0;
	let fifoPairs = 0;
	for (const room of rooms) {
		const late = people
			.filter(
				(person) => person.office === room.code && !person.early && person.joinEnd !== undefined
			)
			.sort((a, b) => a.joinEnd! - b.joinEnd!);
		// Pairs whose join requests did not overlap have a definite arrival order.
		for (let i = 0; i < late.length; i++) {
			for (let j = i + 1; j < late.length; j++) {
				const a = late[i]!;
				const b = late[j]!;
				if (a.joinEnd! >= b.joinStart!) continue;
				fifoPairs++;
				const aServed = a.admittedSequence;
				const bServed = b.admittedSequence;
				if (bServed !== undefined && (aServed === undefined || aServed > bServed)) fifoInversions++;
			}
		}
		// The room's own order (tickets against admissions) as a cross-check.
		const served = people
			.filter(
				(person) =>
					person.office === room.code && !person.early && person.admittedSequence !== undefined
			)
			.sort((a, b) => a.admittedSequence! - b.admittedSequence!);
		fifoInversions += countInversions(served.map((person) => person.ticket ?? 0));
	}

	// Where the time goes, per phase, to tell the room's pace from the booking pipeline's.
	const perRoomTimes = await sql<{ release_id: string; first: Date; last: Date }[]>`
		select release_id, min(decided_at) as first, max(decided_at) as last from booking_attempts
		where release_id = any(${releaseIds}) and outcome = 'booked' group by release_id`;
	const toPerf = (at: Date) => openingPerf + (at.getTime() - opening.getTime());
	const lastBookingPerf = new Map(perRoomTimes.map((row) => [row.release_id, toPerf(row.last)]));
	const admitted = people.filter((person) => person.admittedSeenAt !== undefined);
	const bookedPeople = people.filter((person) => person.outcome === 'booked');
	const soldOut = people.filter(
		(person) => person.outcome === 'sold_out' && person.finalAt !== undefined
	);
	const spread = (values: number[]) => ({
		p50: round(percentile(values, 50), 0),
		p99: round(percentile(values, 99), 0),
		count: values.length
	});
	const phases = {
		admissionSeenMs: spread(
			admitted.map((person) => person.admittedSeenAt! - Math.max(person.joinEnd!, openingPerf))
		),
		bookedAfterAdmissionSeenMs: spread(
			bookedPeople
				.filter((person) => person.admittedSeenAt !== undefined)
				.map((person) => person.finalAt! - person.admittedSeenAt!)
		),
		attemptRoundTripMs: spread(people.flatMap((person) => person.attemptMs)),
		soldOutToldAfterLastBookingMs: spread(
			soldOut
				.filter((person) => lastBookingPerf.has(person.releaseId))
				.map((person) => person.finalAt! - lastBookingPerf.get(person.releaseId)!)
		),
		bookingWindowPerRoomMs: rooms.map((room) => {
			const row = perRoomTimes.find((entry) => entry.release_id === room.releaseId);
			return {
				code: room.code,
				firstBookingAfterOpeningMs: row ? row.first.getTime() - opening.getTime() : null,
				lastBookingAfterOpeningMs: row ? row.last.getTime() - opening.getTime() : null
			};
		})
	};

	const statusBeforeOpening = recorder.statusMs.filter(
		(_, index) => recorder.statusSentAt[index]! < openingPerf
	);
	const headline = {
		booked,
		oversold,
		unanswered: people.length - answered.length,
		fifoInversions,
		fifoPairsChecked: fifoPairs,
		bookingsPerSec: round(spanSeconds > 0 ? booked / spanSeconds : null, 0),
		bookingsPerSecFromOpening: round(
			fromOpeningSeconds > 0 ? booked / fromOpeningSeconds : null,
			0
		),
		decisionP50Ms: round(percentile(decisionMs(people), 50), 0),
		decisionP99Ms: round(percentile(decisionMs(people), 99), 0),
		joinP99Ms: round(percentile(recorder.joinMs, 99), 1),
		statusP99Ms: round(percentile(recorder.statusMs, 99), 1),
		statusCalls: recorder.statusMs.length,
		statusP99BeforeOpeningMs: round(percentile(statusBeforeOpening, 99), 1),
		statusCallsBeforeOpening: statusBeforeOpening.length
	};
	const perOffice = rooms.map((room) => {
		const list = people.filter((person) => person.office === room.code);
		return {
			code: room.code,
			applicants: list.length,
			seats: room.seats,
			booked: list.filter((person) => person.outcome === 'booked').length,
			soldOut: list.filter((person) => person.outcome === 'sold_out').length,
			decisionP50Ms: round(percentile(decisionMs(list), 50), 0),
			decisionP99Ms: round(percentile(decisionMs(list), 99), 0),
			bookingAttempts: list.reduce((sum, person) => sum + person.attempts, 0)
		};
	});
	const outcomes: Record<string, number> = {};
	const errors: Record<string, number> = {};
	for (const person of people) {
		outcomes[person.outcome ?? 'unanswered'] = (outcomes[person.outcome ?? 'unanswered'] ?? 0) + 1;
		if (person.outcome === 'error' || person.outcome === 'refused') {
			errors[person.detail ?? 'unknown'] = (errors[person.detail ?? 'unknown'] ?? 0) + 1;
		}
	}
	return { headline, perOffice, phases, outcomes: { ...outcomes, details: errors } };
}

function printTable(result: Record<string, unknown>) {
	const rows: Record<string, unknown> = {};
	for (const key of [
		'applicants',
		'slots',
		'booked',
		'oversold',
		'unanswered',
		'fifoInversions',
		'fifoPairsChecked',
		'bookingsPerSec',
		'bookingsPerSecFromOpening',
		'decisionP50Ms',
		'decisionP99Ms',
		'joinP99Ms',
		'statusP99Ms',
		'statusCalls',
		'statusP99BeforeOpeningMs',
		'statusCallsBeforeOpening',
		'naiveBookingsPerSec',
		'pgHotRowTps',
		'bookingsPerSecVsHotRow',
		'pipelineBookingsPerSec',
		'pipelineVsHotRow',
		'redisBytesPerWaiter',
		'redisMiBFor100kWaiters'
	]) {
		rows[key] = result[key];
	}
	console.table(rows);
	console.table(result.perOffice as object[]);
	console.log('phases', JSON.stringify(result.phases), 'queue', JSON.stringify(result.queue));
}
