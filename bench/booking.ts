/**
 * A quota release opening, played end to end on this machine: real web and worker processes
 * on PostgreSQL and Redis, N virtual applicants (default 5,000) for M seats (default 500) at
 * three offices opening at once, one of them hot, all through the HTTP API. Then, with the
 * processes stopped, the comparisons: booking straight against PostgreSQL with no room, the
 * hot-row UPDATE ceiling, and the room's memory per waiting person.
 *   npm run bench:booking [-- --applicants 5000 --seats 500 --web 2 --workers 1]
 * Writes bench/results/booking.json and prints a table. The figures are not pass/fail; the
 * guarantees are (oversold, unanswered and FIFO inversions must be 0, else it exits 1).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { measureHotRowTps, measureNaiveBooking, measureRoomMemory } from './booking/measure';
import { measurePipeline } from './booking/pipeline';
import { seedAccounts, seedRelease } from './booking/seed';
import { percentile, round } from './booking/stats';
import { HERD_MS } from './booking/status-probe';
import { KIND, log, officeDate, REDIS_URL, runStorm, type Storm } from './booking/storm';
import { networkErrors } from './booking/virtual-applicant';
import { MAX_CHOSEN_SLOTS } from '../src/lib/domain/standing-choice';

const { values: args } = parseArgs({
	options: {
		applicants: { type: 'string', default: '5000' },
		seats: { type: 'string', default: '500' },
		web: { type: 'string', default: '2' },
		workers: { type: 'string', default: '1' },
		'live-share': { type: 'string', default: '0.8' },
		'choice-share': { type: 'string', default: '0.8' },
		'memory-waiters': { type: 'string', default: '100000' },
		'base-port': { type: 'string', default: '4213' },
		'pre-window': { type: 'string', default: '60' }
	}
});
const loadAtStart = loadavg().map((value) => round(value, 2));
const N = Number(args.applicants);
const SEATS = Number(args.seats);
const MEMORY_WAITERS = Number(args['memory-waiters']);
const STATUS_PROBES = 10;
const PIPELINE_ATTEMPTS = 2_000;

let comparisons:
	| {
			queueFigures: Awaited<ReturnType<typeof bookingQueueFigures>>;
			pipeline: Awaited<ReturnType<typeof pipelineComparison>>;
			pgHotRowTps: number;
			naive: Awaited<ReturnType<typeof naiveComparison>>;
			memory: Awaited<ReturnType<typeof measureRoomMemory>>;
			memoryChoosing: Awaited<ReturnType<typeof measureRoomMemory>>;
	  }
	| undefined;

const { figures, setup, clientLagMs, statusProbe } = await runStorm({
	applicants: N,
	seats: SEATS,
	web: Number(args.web),
	workers: Number(args.workers),
	liveShare: Number(args['live-share']),
	choiceShare: Number(args['choice-share']),
	statusProbes: STATUS_PROBES,
	preWindowMs: Number(args['pre-window']) * 1000,
	basePort: Number(args['base-port']),
	async afterPlay(storm) {
		const queueFigures = await bookingQueueFigures(
			storm,
			storm.rooms.map((room) => room.officeId)
		);
		log('booking pipeline: attempts straight into a queue, decided by the running worker');
		const pipeline = await pipelineComparison(storm, storm.officeByCode.get('BDG')!);
		for (const started of storm.processes.splice(0)) await started.stop();
		log('comparisons: hot-row ceiling, naive booking, room memory');
		const pgHotRowTps = await measureHotRowTps(storm.databaseUrl);
		const naive = await naiveComparison(storm, storm.officeByCode.get('BDG')!);
		const memory = await measureRoomMemory(MEMORY_WAITERS);
		const memoryChoosing = await measureRoomMemory(MEMORY_WAITERS, true);
		comparisons = { queueFigures, pipeline, pgHotRowTps, naive, memory, memoryChoosing };
	}
});
const { queueFigures, pipeline, pgHotRowTps, naive, memory, memoryChoosing } = comparisons!;
const result = {
	benchmark: 'booking',
	date: new Date().toISOString(),
	node: process.version,
	cores: availableParallelism(),
	memoryGiB: round(totalmem() / 2 ** 30, 1),
	setup,
	applicants: N,
	slots: SEATS,
	...figures.headline,
	...statusProbe,
	pipelineBookingsPerSec: round(pipeline.bookingsPerSec, 0),
	pipelineVsHotRow: round(pipeline.bookingsPerSec / pgHotRowTps, 2),
	naiveBookingsPerSec: round(naive.bookingsPerSec, 0),
	naiveDecisionsPerSec: round(naive.decisionsPerSec, 0),
	pgHotRowTps: round(pgHotRowTps, 0),
	redisBytesPerWaiter: round(memory.bytesPerWaiter, 0),
	redisMiBFor100kWaiters: round((memory.bytesPerWaiter * 100_000) / 2 ** 20, 1),
	redisBytesPerChoosingWaiter: round(memoryChoosing.bytesPerWaiter, 0),
	redisMiBFor100kChoosingWaiters: round((memoryChoosing.bytesPerWaiter * 100_000) / 2 ** 20, 1),
	bookingsPerSecVsHotRow: round(
		figures.headline.bookingsPerSec !== null ? figures.headline.bookingsPerSec / pgHotRowTps : null,
		2
	),
	hotRoomBookingsPerSecVsHotRow: round(
		figures.headline.hotRoomBookingsPerSec !== null
			? figures.headline.hotRoomBookingsPerSec / pgHotRowTps
			: null,
		2
	),
	clientLoopLagMs: clientLagMs,
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
			'end to end through the room: bookings divided by the time from the first to the last booking decision (decided_at: the clock of the batch that decided it). Bounded by the admission rates (set to 80% of calibrationDecisionsPerSec, shared by the rooms), by the arrivals (most of DJJ’s people come in the 10 s after the opening) and, for people booking by hand, by how fast they pick a slot and send it',
		hotRoomBookingsPerSec:
			'the same for the hot room alone (JKS: 80% of the people, 90% of them early, for half the seats), where demand exceeds supply from the first second',
		calibrationDecisionsPerSec:
			'the running booking worker’s pace with a full queue (1,000 attempts, as pipelineBookingsPerSec), measured just before the play; the rooms’ admission rates add up to 80% of it',
		choiceShare:
			'the share of people who, once in the room, choose one to three slots of one day (and any other free slot after them) to be booked at their admission; the others book by hand when admitted. perOffice.bookedAtAdmission counts bookings made that way with no attempt sent by the person',
		pipelineBookingsPerSec: `the booking pipeline alone: ${PIPELINE_ATTEMPTS} attempts (one BullMQ job each) for as many seats, coming for the slots in random order, put at once into an office's queue (as web processes enqueue them), decided by the running worker process(es) in batches (decision transaction, admission settles, hold-expiry jobs, announcement, reminders), divided by the time from enqueueing to the last decision; measured right after the play, machine not idle (npm run bench:pipeline measures it alone)`,
		bookingsPerSecFromOpening:
			'bookings divided by the time from the opening to the last booking decision',
		decisionMs:
			'from the moment a person could be served (their join answer, or the opening for the pre-queue) to their final answer',
		statusP99Ms:
			'waitingRoom.status calls of polling applicants, the whole play: before the opening and through the herd after it (live-stream events are not requests)',
		statusP99BeforeOpeningMs:
			'the same, only the calls sent before the opening, while the pre-queue fills and waits',
		statusProbe: `statusProbe…: ${STATUS_PROBES} people waiting in a quiet room (a release at BDG opening in two days) ask for their status every 200 ms, through the web processes the storm uses, from a process of their own whose event loop is idle: the web tier's answer times without the bench process's own loop lag (clientLoopLagMs), which in the herd is larger than the 100 ms target. statusProbeP99HerdMs: calls sent in the ${HERD_MS / 1000} s after the opening; statusProbeP99PerHerdSecondMs: the same second by second`,
		naiveBookingsPerSec:
			'the same decision transaction run straight from request handlers (20 connections) for the same kind of release, no room, until its seats ran out; machine otherwise idle',
		pgHotRowTps: 'UPDATE of one row, 16 connections, 5 s, machine otherwise idle',
		phases:
			'where the time of the opening goes, from the virtual applicants’ clocks: admissionSeenMs (from the moment a person could be served to their client seeing the admission), bookedAfterAdmissionSeenMs (from then to the booking answer: free days, slots, attempt, retries), attemptRoundTripMs (one attempt sent to its final answer), soldOutToldAfterLastBookingMs (a sold-out person told after their room’s last booking), bookingWindowPerRoomMs (after the opening: the room’s first booking, the moments half and 90 % of its bookings were decided, and its last booking; a few slow manual bookers stretch the last)',
		queue:
			'booking jobs from BullMQ’s own stamps: waitMs (enqueued to picked up by the worker) and decideMs (picked up to finished: decision, settle, hold-expiry job, announcement)',
		redisBytesPerWaiter: `MEMORY USAGE over every key of an open room holding ${MEMORY_WAITERS} waiting people, divided by them`,
		redisBytesPerChoosingWaiter: `the same room, every waiting person also keeping a standing choice of ${MAX_CHOSEN_SLOTS} slots and “any free slot” (the most a choice holds)`
	}
};
printTable(result);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/booking.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));

// The figures are never pass/fail, but the guarantees are: a run that broke one says so.
if (result.oversold !== 0 || result.unanswered !== 0 || result.fifoInversions !== 0) {
	console.error(
		`[bench] guarantees broken: oversold ${result.oversold}, unanswered ${result.unanswered}, FIFO inversions ${result.fifoInversions}`
	);
	process.exit(1);
}

/** The worker's pace with a full queue: every attempt fits, so every decision books. */
async function pipelineComparison(storm: Storm, office: { id: string; time_zone: string }) {
	const [staff] = await storm.sql<
		{ id: string }[]
	>`select id from users where role = 'staff' limit 1`;
	return measurePipeline({
		db: storm.handle.db,
		sql: storm.sql,
		redisUrl: REDIS_URL,
		prefix: storm.prefix,
		office,
		staffId: staff!.id,
		attempts: PIPELINE_ATTEMPTS,
		daysAhead: 5,
		officeDate,
		kind: KIND
	});
}

async function naiveComparison(storm: Storm, office: { id: string; time_zone: string }) {
	const { db } = storm.handle;
	const client = storm.sql;
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
async function bookingQueueFigures(storm: Storm, officeIds: string[]) {
	const { bookingQueueName } = await import('../src/lib/server/booking/queue');
	const { Queue } = await import('bullmq');
	const { Redis } = await import('ioredis');
	const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
	const waits: number[] = [];
	const runs: number[] = [];
	try {
		for (const officeId of officeIds) {
			const queue = new Queue(bookingQueueName(officeId), {
				connection,
				prefix: `${storm.prefix}:bull`
			});
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
		'hotRoomBookingsPerSec',
		'bookingsPerSecFromOpening',
		'decisionP50Ms',
		'decisionP99Ms',
		'joinP99Ms',
		'statusP99Ms',
		'statusCalls',
		'statusP99BeforeOpeningMs',
		'statusCallsBeforeOpening',
		'statusProbeP99BeforeOpeningMs',
		'statusProbeP50HerdMs',
		'statusProbeP99HerdMs',
		'statusProbeCalls',
		'naiveBookingsPerSec',
		'pgHotRowTps',
		'bookingsPerSecVsHotRow',
		'hotRoomBookingsPerSecVsHotRow',
		'pipelineBookingsPerSec',
		'pipelineVsHotRow',
		'redisBytesPerWaiter',
		'redisMiBFor100kWaiters',
		'redisBytesPerChoosingWaiter',
		'redisMiBFor100kChoosingWaiters'
	]) {
		rows[key] = result[key];
	}
	console.table(rows);
	console.table(result.perOffice as object[]);
	console.log('phases', JSON.stringify(result.phases), 'queue', JSON.stringify(result.queue));
	console.log(
		'status probe p99 per second after the opening',
		result.statusProbeP99PerHerdSecondMs
	);
}
