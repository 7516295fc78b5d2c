/**
 * The booking storm shared by `bench:booking` and `bench:scaleout`: a fresh database and Redis
 * prefix, real worker and web processes, three releases opening at once, N virtual applicants
 * playing the opening through the HTTP API, and the outcome read back from the database.
 * Callers add what differs: a front door (nginx) and its headers, something done while the
 * storm runs (killing processes), and comparisons once it is over.
 */
import { createHash, randomBytes } from 'node:crypto';
import { serverEnvironment } from '../server-environment';
import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { countInversions } from '../../src/lib/domain/waiting-room';
import { deleteRedisPrefix } from '../../tests/support/redis-cleanup';
import { createDatabase, dropDatabase, uniqueName } from '../../tests/support/test-database';
import { measurePipeline } from './pipeline';
import { answers, startProcess, type Started } from './processes';
import { seedAccounts, seedRelease, type VirtualAccount } from './seed';
import { probeFigures, startStatusProbe } from './status-probe';
import { loopLagMonitor, percentile, round } from './stats';
import { play, type Applicant, type Recorder } from './virtual-applicant';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const KIND = { passportType: 'elektronik' as const, service: 'reguler' as const };

/** Three offices opening at once: one hot (most people, most seats) and two calmer ones. */
export const OFFICES = [
	{ code: 'JKS', share: 0.8, seatShare: 0.5, earlyShare: 0.9, rateShare: 0.6 },
	{ code: 'NGR', share: 0.12, seatShare: 0.25, earlyShare: 0.5, rateShare: 0.2 },
	{ code: 'DJJ', share: 0.08, seatShare: 0.25, earlyShare: 0.1, rateShare: 0.2 }
];
export const POST_WINDOW_MS = 10_000;
const PLAY_LIMIT_MS = 150_000;
const CALIBRATION_ATTEMPTS = 1_000;
const STATUS_PROBE_INTERVAL_MS = 200;
/** Late arrivals per room who join one after another, for the FIFO check. */
const FIFO_CHAIN = 25;

export interface StormOptions {
	applicants: number;
	seats: number;
	web: number;
	workers: number;
	liveShare: number;
	/** The share of people who choose their slots while waiting ("book for me"). */
	choiceShare: number;
	/** People of a quiet room asking for their status from a process of their own (0: none). */
	statusProbes?: number;
	preWindowMs: number;
	basePort: number;
	/** The URL browsers use; default: each applicant talks to one web process directly. */
	publicOrigin?: string;
	/** Settings the web processes need behind the front door (ORIGIN, ADDRESS_HEADER …). */
	webEnvironment?: Record<string, string>;
	/** Starts what stands in front of the web processes (a load balancer). */
	startFrontDoor?: (webUrls: string[]) => Promise<Started>;
	/** Runs alongside the play (e.g. kills processes); awaited before the figures are read. */
	duringPlay?: (storm: Storm) => Promise<void>;
	/** Runs after the figures are read, with the processes still up (then they are stopped). */
	afterPlay?: (storm: Storm) => Promise<void>;
}

export interface Room {
	code: string;
	officeId: string;
	releaseId: string;
	seats: number;
	people: VirtualAccount[];
	rate: number;
}

export interface Storm {
	name: string;
	prefix: string;
	databaseUrl: string;
	handle: { db: import('../../src/lib/server/db/client').Db; close(): Promise<void> };
	sql: postgres.Sql;
	officeByCode: Map<string, { id: string; code: string; time_zone: string }>;
	processes: Started[];
	rooms: Room[];
	opensAt: Date;
	/** performance.now() at the opening. */
	openingPerf: number;
	environment: Record<string, string>;
	calibration: number;
}

export function log(message: string) {
	console.error(`[bench] ${message}`);
}

export function officeDate(days: number, timeZone: string) {
	const date = new Intl.DateTimeFormat('en-CA', { timeZone }).format(
		new Date(Date.now() + days * 86_400_000)
	);
	return { date, weekday: new Date(`${date}T12:00:00Z`).getUTCDay() || 7 };
}

/**
 * Plays one opening and returns its figures. Redis keys of this process (seeding, comparisons)
 * live under `<prefix>-memory` so the running admitters never see them.
 */
export async function runStorm(options: StormOptions) {
	if (!existsSync('build/index.js')) {
		throw new Error('No build found: run the npm script, which builds first.');
	}
	const name = uniqueName('lancar_bench');
	const prefix = `lancar-bench-${name}`;
	const memoryPrefix = `${prefix}-memory`;
	const databaseUrl = await createDatabase(name);
	process.env.DATABASE_URL = databaseUrl;
	process.env.REDIS_URL = REDIS_URL;
	process.env.REDIS_PREFIX = memoryPrefix;
	process.env.LOG_LEVEL = 'silent';
	const { openPostgres } = await import('../../src/lib/server/db/client');
	const { seedOffices } = await import('../../src/lib/server/offices/seed');
	const { closeRedis } = await import('../../src/lib/server/redis');
	const { closeRoomRedis } = await import('../../src/lib/server/waiting-room/connection');
	const { bookingQueueName } = await import('../../src/lib/server/booking/queue');

	const handle = openPostgres(databaseUrl, { max: 20 });
	const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
	const processes: Started[] = [];
	try {
		log(`database ${name}; migrating and seeding ${options.applicants} applicants`);
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
		const accounts = await seedAccounts(sql, options.applicants, KIND);

		const environment: Record<string, string> = {
			...serverEnvironment(databaseUrl, REDIS_URL, prefix),
			// Every virtual applicant comes from 127.0.0.1; the per-account limit still applies.
			WAITING_ROOM_JOINS_PER_IP_MINUTE: '1000000',
			// Longer than the client's own keep-alive, so the client always closes an idle socket
			// first (otherwise a request may race the server closing it).
			KEEP_ALIVE_TIMEOUT: '65'
		};
		log(`starting ${options.workers} worker and ${options.web} web processes`);
		const { Queue } = await import('bullmq');
		const { Redis } = await import('ioredis');
		const probeConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
		const hotQueue = new Queue(bookingQueueName(officeByCode.get('JKS')!.id), {
			connection: probeConnection,
			prefix: `${prefix}:bull`
		});
		for (let index = 0; index < options.workers; index++) {
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
		const webUrls: string[] = [];
		for (let index = 0; index < options.web; index++) {
			const port = options.basePort + index;
			const webUrl = `http://127.0.0.1:${port}`;
			if (await answers(`${webUrl}/`)) throw new Error(`port ${port} is in use; pass --base-port`);
			processes.push(
				await startProcess(
					`web-${index}`,
					[
						...(process.env.BENCH_WEB_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
						'build/index.js'
					],
					{
						...environment,
						RUN_WORKERS: 'false',
						PORT: String(port),
						HOST: '127.0.0.1',
						ORIGIN: options.publicOrigin ?? webUrl,
						...options.webEnvironment
					},
					() => answers(`${webUrl}/`)
				)
			);
			webUrls.push(webUrl);
		}
		if (options.startFrontDoor) processes.push(await options.startFrontDoor(webUrls));
		const urlFor = (index: number) => options.publicOrigin ?? webUrls[index % webUrls.length]!;

		const opensAt = new Date(Date.now() + options.preWindowMs + 8_000);
		const rooms: Room[] = [];
		let offset = 0;
		for (const office of OFFICES) {
			const row = officeByCode.get(office.code)!;
			const seats = Math.round(options.seats * office.seatShare);
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
				office === OFFICES[OFFICES.length - 1]
					? options.applicants - offset
					: Math.round(options.applicants * office.share);
			rooms.push({
				code: office.code,
				officeId: row.id,
				releaseId: release.id,
				seats,
				people: accounts.slice(offset, offset + count),
				rate: 0
			});
			offset += count;
		}

		// The admission rate, set live by an admin through the API, below what the booking worker
		// sustains: the running worker's pace with a full queue on this machine, shared by the rooms.
		const calibration = await calibrateDecisions(handle.db, sql, prefix, officeByCode.get('BDG')!);
		const totalRate = Math.max(10, Math.floor(calibration * 0.8));
		for (const [index, room] of rooms.entries()) {
			room.rate = Math.max(5, Math.floor(totalRate * OFFICES[index]!.rateShare));
			const response = await fetch(`${urlFor(0)}/api/trpc/waitingRoom.setRate`, {
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

		const probe = options.statusProbes
			? await startStatusProbe({
					db: handle.db,
					sql,
					office: officeByCode.get('BDG')!,
					staffId: staff!.id,
					baseUrls: Array.from({ length: options.web }, (_, index) => urlFor(index)),
					count: options.statusProbes,
					intervalMs: STATUS_PROBE_INTERVAL_MS,
					officeDate,
					kind: KIND
				})
			: undefined;
		const openingPerf = performance.now() + (opensAt.getTime() - Date.now());
		const applicants = virtualApplicants(rooms, options, openingPerf, urlFor);
		const storm: Storm = {
			name,
			prefix,
			databaseUrl,
			handle,
			sql,
			officeByCode,
			processes,
			rooms,
			opensAt,
			openingPerf,
			environment,
			calibration
		};
		const recorder: Recorder = {
			joinMs: [],
			statusMs: [],
			statusSentAt: [],
			deadline: openingPerf + PLAY_LIMIT_MS
		};
		const lag = loopLagMonitor();
		log(`playing: ${applicants.length} applicants, ${options.seats} seats`);
		const during = options.duringPlay?.(storm);
		await Promise.all(applicants.map((applicant) => play(applicant, recorder)));
		await during;
		const clientLag = lag.stop();
		const statusProbe = probe ? probeFigures(await probe.stop(), opensAt) : null;
		log('play finished; reading the outcome from the database');
		const figures = await outcomeFigures(sql, applicants, recorder, rooms, opensAt, openingPerf);
		await options.afterPlay?.(storm);
		return {
			storm,
			figures,
			statusProbe,
			clientLagMs: { p50: round(clientLag.p50, 1), p99: round(clientLag.p99, 1) },
			setup: {
				serverLogLevel: environment.LOG_LEVEL,
				webProcesses: options.web,
				workerProcesses: options.workers,
				liveShare: options.liveShare,
				choiceShare: options.choiceShare,
				offices: rooms.map((room, index) => ({
					code: room.code,
					applicants: room.people.length,
					seats: room.seats,
					earlyShare: OFFICES[index]!.earlyShare,
					admissionRatePerSec: room.rate
				})),
				calibrationDecisionsPerSec: round(calibration, 0),
				preWindowMs: options.preWindowMs,
				postWindowMs: POST_WINDOW_MS
			}
		};
	} finally {
		// Stopped one by one: the front door first, so no request reaches a stopping process.
		for (const started of processes.reverse()) await started.stop().catch(() => {});
		await sql.end().catch(() => {});
		await handle.close().catch(() => {});
		await closeRedis().catch(() => {});
		await closeRoomRedis().catch(() => {});
		await dropDatabase(name).catch(() => {});
		await deleteRedisPrefix(REDIS_URL, prefix).catch(() => {});
		await deleteRedisPrefix(REDIS_URL, memoryPrefix).catch(() => {});
	}
}

/** Everyone of every room, with arrival times around the opening. */
function virtualApplicants(
	rooms: Room[],
	options: StormOptions,
	openingPerf: number,
	urlFor: (index: number) => string
): Applicant[] {
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
				baseUrl: urlFor(applicants.length),
				early,
				arriveAt: early
					? openingPerf - options.preWindowMs + Math.random() * (options.preWindowMs - 500)
					: openingPerf + 50 + Math.random() * POST_WINDOW_MS,
				live: Math.random() < options.liveShare,
				chooses: Math.random() < options.choiceShare,
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
	return applicants;
}

/**
 * Bookings per second the running booking worker sustains on this machine with a full queue
 * (the pipeline, batched as in production), measured briefly before the play on a scratch
 * release, to set the rooms' admission rates below it.
 */
async function calibrateDecisions(
	db: Storm['handle']['db'],
	client: postgres.Sql,
	prefix: string,
	office: { id: string; time_zone: string }
) {
	const staffId = (
		await client<{ id: string }[]>`select id from users where role = 'staff' limit 1`
	)[0]!.id;
	const result = await measurePipeline({
		db,
		sql: client,
		redisUrl: REDIS_URL,
		prefix,
		office,
		staffId,
		attempts: CALIBRATION_ATTEMPTS,
		daysAhead: 10,
		officeDate,
		kind: KIND
	});
	return result.bookingsPerSec;
}

async function outcomeFigures(
	sql: postgres.Sql,
	people: Applicant[],
	recorder: Recorder,
	rooms: Room[],
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
	const perRoomTimes = await sql<
		{ release_id: string; first: Date; last: Date; half: Date; ninety: Date }[]
	>`
		select release_id, min(decided_at) as first, max(decided_at) as last,
			percentile_disc(0.5) within group (order by decided_at) as half,
			percentile_disc(0.9) within group (order by decided_at) as ninety
		from booking_attempts
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
				halfBookedAfterOpeningMs: row ? row.half.getTime() - opening.getTime() : null,
				ninetyPercentBookedAfterOpeningMs: row ? row.ninety.getTime() - opening.getTime() : null,
				lastBookingAfterOpeningMs: row ? row.last.getTime() - opening.getTime() : null
			};
		})
	};

	const roomBookingsPerSec = (room: Room) => {
		const row = perRoomTimes.find((entry) => entry.release_id === room.releaseId);
		const seconds = row ? (row.last.getTime() - row.first.getTime()) / 1000 : 0;
		const bookedHere = people.filter(
			(person) => person.office === room.code && person.outcome === 'booked'
		).length;
		return round(seconds > 0 ? bookedHere / seconds : null, 0);
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
		hotRoomBookingsPerSec: roomBookingsPerSec(rooms[0]!),
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
			bookingsPerSec: roomBookingsPerSec(room),
			bookedAtAdmission: list.filter(
				(person) => person.outcome === 'booked' && person.chooses && person.attempts === 0
			).length,
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
