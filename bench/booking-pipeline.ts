/**
 * The booking pipeline on its own, quicker than the whole opening of `bench:booking`: real
 * worker processes on PostgreSQL and Redis decide a full office queue of attempts (one BullMQ
 * job each, every one of which fits), compared in the same run with the hot-row ceiling.
 *   npm run bench:pipeline [-- --attempts 2000 --workers 1 --rounds 3 --concurrency 64]
 * BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the workers.
 * Writes bench/results/booking-pipeline.json and prints a table. Figures only, never pass/fail.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { deleteRedisPrefix } from '../tests/support/redis-cleanup';
import { createDatabase, dropDatabase, uniqueName } from '../tests/support/test-database';
import { measureHotRowTps } from './booking/measure';
import { measurePipeline, measureSqlDecisions } from './booking/pipeline';
import { startProcess, type Started } from './booking/processes';
import { percentile, round } from './booking/stats';
import { KIND, log, officeDate, REDIS_URL } from './booking/storm';
import { serverEnvironment } from './server-environment';

const { values: args } = parseArgs({
	options: {
		attempts: { type: 'string', default: '2000' },
		workers: { type: 'string', default: '1' },
		rounds: { type: 'string', default: '3' },
		concurrency: { type: 'string' }
	}
});
const ATTEMPTS = Number(args.attempts);
const WORKERS = Number(args.workers);
const ROUNDS = Number(args.rounds);
const loadAtStart = loadavg().map((value) => round(value, 2));

const name = uniqueName('lancar_pipeline');
const prefix = `lancar-bench-${name}`;
const databaseUrl = await createDatabase(name);
process.env.DATABASE_URL = databaseUrl;
process.env.REDIS_URL = REDIS_URL;
process.env.REDIS_PREFIX = `${prefix}-memory`;
process.env.LOG_LEVEL = 'silent';
const { openPostgres } = await import('../src/lib/server/db/client');
const { seedOffices } = await import('../src/lib/server/offices/seed');
const { bookingQueueName } = await import('../src/lib/server/booking/queue');
const handle = openPostgres(databaseUrl, { max: 10 });
const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
const processes: Started[] = [];
try {
	await handle.migrate();
	await seedOffices(handle.db);
	const [office] = await sql<{ id: string; time_zone: string }[]>`
		select id, time_zone from offices where code = 'BDG'`;
	const [staff] = await sql<{ id: string }[]>`
		insert into users (email, full_name, phone, password_hash, role, office_id, email_verified_at)
		values ('pipeline.staff@example.id', 'Petugas', '+6281100000009', 'x', 'staff', ${office!.id}, now())
		returning id`;
	const probe = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
	const queue = new Queue(bookingQueueName(office!.id), {
		connection: probe,
		prefix: `${prefix}:bull`
	});
	const environment = serverEnvironment(databaseUrl, REDIS_URL, prefix);
	for (let index = 0; index < WORKERS; index++) {
		processes.push(
			await startProcess(
				`worker-${index}`,
				[
					...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
					'--import',
					'tsx',
					'worker/index.ts'
				],
				{
					...environment,
					RUN_WORKERS: 'true',
					...(args.concurrency ? { BOOKING_WORKER_CONCURRENCY: args.concurrency } : {})
				},
				async () => (await queue.getWorkers()).length > index
			)
		);
	}
	await queue.close();
	probe.disconnect();

	// Each measurement books its own day of the office, so none meets another's bookings.
	const setupFor = (daysAhead: number) => ({
		db: handle.db,
		sql,
		redisUrl: REDIS_URL,
		prefix,
		office: office!,
		staffId: staff!.id,
		attempts: ATTEMPTS,
		daysAhead,
		officeDate,
		kind: KIND
	});

	// Round 0 warms the worker up (tsx transpiling, JIT, connection pools) and is not counted.
	const rounds = [];
	const batchesPerRound = [];
	for (let index = 0; index <= ROUNDS; index++) {
		log(`round ${index}: ${ATTEMPTS} attempts${index === 0 ? ' (warm-up)' : ''}`);
		const result = await measurePipeline(setupFor(5 + index));
		log(`  ${result.booked} booked in ${result.batches} batches, ${round(result.seconds, 2)} s`);
		if (index > 0) {
			rounds.push(round(result.bookingsPerSec, 0)!);
			batchesPerRound.push(result.batches);
		}
	}
	for (const started of processes.splice(0)) await started.stop();
	// Twice, the first warming this process's connections (plpgsql compiles per session).
	let sqlDecisions = { booked: 0, seconds: 0, decisionsPerSec: 0 };
	for (const extra of [1, 2]) {
		log(`decision SQL alone: ${ATTEMPTS} attempts in one transaction`);
		sqlDecisions = await measureSqlDecisions(setupFor(5 + ROUNDS + extra));
		log(`  ${sqlDecisions.booked} booked in ${round(sqlDecisions.seconds, 2)} s`);
	}
	log('hot-row ceiling');
	const pgHotRowTps = round(await measureHotRowTps(databaseUrl), 0)!;
	const median = percentile(rounds, 50)!;
	const result = {
		benchmark: 'booking-pipeline',
		date: new Date().toISOString(),
		node: process.version,
		cores: availableParallelism(),
		loadAverageAtStart: loadAtStart,
		attempts: ATTEMPTS,
		workerProcesses: WORKERS,
		concurrency: args.concurrency ? Number(args.concurrency) : 'default',
		pipelineBookingsPerSecRounds: rounds,
		pipelineBookingsPerSec: median,
		batchesPerRound,
		sqlDecisionsPerSec: round(sqlDecisions.decisionsPerSec, 0),
		pgHotRowTps,
		pipelineVsHotRow: round(median / pgHotRowTps, 2),
		definitions: {
			pipelineBookingsPerSec:
				'median of the rounds after a warm-up round: attempts (one BullMQ job each, every one fits) put at once into an office queue, decided by the worker processes (decision, admission settle, hold-expiry job, announcement, reminders), divided by the time from enqueueing to the last decision',
			batchesPerRound:
				'decision transactions each counted round took (attempts decided together share decided_at); two batches in flight that share slots are decided one after the other',
			sqlDecisionsPerSec:
				'the decision SQL alone after the workers stopped: as many attempts decided by one call of decide_bookings (one transaction) from the bench process, with no queue, no follow-ups and nothing else in flight; the most PostgreSQL decides on this machine',
			pgHotRowTps: 'UPDATE of one row, 16 connections, 5 s, after the workers stopped'
		}
	};
	console.table({
		rounds: rounds.join(' / '),
		batches: batchesPerRound.join(' / '),
		pipelineBookingsPerSec: median,
		sqlDecisionsPerSec: result.sqlDecisionsPerSec,
		pgHotRowTps,
		pipelineVsHotRow: result.pipelineVsHotRow
	});
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/booking-pipeline.json', `${JSON.stringify(result, null, 2)}\n`);
	console.log(JSON.stringify(result, null, 2));
} finally {
	for (const started of processes.reverse()) await started.stop().catch(() => {});
	await sql.end().catch(() => {});
	await handle.close().catch(() => {});
	const { closeRedis } = await import('../src/lib/server/redis');
	await closeRedis().catch(() => {});
	await dropDatabase(name).catch(() => {});
	await deleteRedisPrefix(REDIS_URL, prefix).catch(() => {});
	await deleteRedisPrefix(REDIS_URL, `${prefix}-memory`).catch(() => {});
}
