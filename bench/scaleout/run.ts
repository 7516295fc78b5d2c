/**
 * One booking storm through nginx in front of two web and two worker processes; with --kill,
 * one web and one worker process are SIGKILLed a few seconds after the opening. Run by
 * bench/scaleout.ts (each run in a process of its own, so each has fresh server modules).
 *   tsx bench/scaleout/run.ts --out file.json [--kill] [--applicants 5000 --seats 500 …]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { round } from '../booking/stats';
import { log, REDIS_URL, runStorm, type Storm } from '../booking/storm';
import { networkErrors } from '../booking/virtual-applicant';
import { startNginx } from './nginx';

const { values: args } = parseArgs({
	options: {
		out: { type: 'string' },
		kill: { type: 'boolean', default: false },
		applicants: { type: 'string', default: '5000' },
		seats: { type: 'string', default: '500' },
		'live-share': { type: 'string', default: '0.8' },
		'choice-share': { type: 'string', default: '0.8' },
		'pre-window': { type: 'string', default: '60' },
		'kill-after': { type: 'string', default: '3' },
		'kill-at-booked': { type: 'string', default: '0.25' },
		port: { type: 'string', default: '4240' }
	}
});
if (!args.out) throw new Error('--out is required');
const NGINX_PORT = Number(args.port);
const KILL_AFTER_MS = Number(args['kill-after']) * 1000;
/** The kill waits for this share of the seats to be booked, so it lands while bookings flow. */
const KILL_AT_BOOKED = Number(args['kill-at-booked']);
const publicOrigin = `http://127.0.0.1:${NGINX_PORT}`;
const nginxDir = mkdtempSync(path.join(tmpdir(), 'lancar-scaleout-nginx-'));
const loadAtStart = loadavg().map((value) => round(value, 2));

const killed: { process: string; pid: number | undefined; afterOpeningMs: number }[] = [];
/** Client-side failures (connection lost, proxy 502) before and after the kill. */
let errorsBeforeKill: Record<string, number> = {};
/** Which worker process decided how many attempts, and its last decision after the opening. */
let decisionsByWorker: { process: string; decisions: number; lastAfterOpeningMs: number }[] = [];
/** Booking jobs a dead worker held that another worker took over (BullMQ's stalled counter). */
let stalledJobs = 0;
/** Booking jobs worker-1 was deciding when it was killed. */
let heldJobsAtKill = 0;

try {
	const { figures, setup, clientLagMs } = await runStorm({
		applicants: Number(args.applicants),
		seats: Number(args.seats),
		web: 2,
		workers: 2,
		liveShare: Number(args['live-share']),
		choiceShare: Number(args['choice-share']),
		preWindowMs: Number(args['pre-window']) * 1000,
		basePort: NGINX_PORT + 1,
		publicOrigin,
		// Behind one proxy: the client's address is the last X-Forwarded-For entry nginx added.
		webEnvironment: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' },
		startFrontDoor: (webUrls) =>
			startNginx({
				port: NGINX_PORT,
				upstreams: webUrls.map((url) => new URL(url).host),
				dir: nginxDir
			}),
		async duringPlay(storm) {
			if (!args.kill) return;
			await new Promise((resolve) =>
				setTimeout(resolve, Math.max(0, storm.openingPerf + KILL_AFTER_MS - performance.now()))
			);
			const releaseIds = storm.rooms.map((room) => room.releaseId);
			const seats = storm.rooms.reduce((sum, room) => sum + room.seats, 0);
			const giveUpAt = performance.now() + 120_000;
			while (performance.now() < giveUpAt) {
				const [{ booked } = { booked: 0 }] = await storm.sql<{ booked: number }[]>`
					select count(*)::int as booked from bookings where release_id = any(${releaseIds})`;
				if (booked >= seats * KILL_AT_BOOKED) break;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			const worker = storm.processes.find((started) => started.name === 'worker-1')!;
			heldJobsAtKill = await untilHoldingJobs(storm, `${hostname()}:${worker.child.pid}`);
			errorsBeforeKill = { ...networkErrors };
			for (const name of ['web-1', 'worker-1']) {
				const victim = storm.processes.find((started) => started.name === name)!;
				victim.child.kill('SIGKILL');
				killed.push({
					process: name,
					pid: victim.child.pid,
					afterOpeningMs: Math.round(performance.now() - storm.openingPerf)
				});
			}
			log(`killed ${killed.map((entry) => entry.process).join(' and ')} (SIGKILL)`);
		},
		async afterPlay(storm) {
			const names = new Map(storm.processes.map((started) => [started.child.pid, started.name]));
			const rows = await storm.sql<{ decided_by: string; decisions: number; last: Date }[]>`
				select decided_by, count(*)::int as decisions, max(decided_at) as last
				from booking_attempts where release_id = any(${storm.rooms.map((room) => room.releaseId)})
				group by decided_by order by decided_by`;
			stalledJobs = await stalledBookingJobs(storm);
			decisionsByWorker = rows.map((row) => ({
				process: names.get(Number(row.decided_by.split(':').pop())) ?? row.decided_by,
				decisions: row.decisions,
				lastAfterOpeningMs: row.last.getTime() - storm.opensAt.getTime()
			}));
		}
	});
	const errorsAfterKill: Record<string, number> = {};
	for (const [cause, count] of Object.entries(networkErrors)) {
		const after = count - (errorsBeforeKill[cause] ?? 0);
		if (after > 0) errorsAfterKill[cause] = after;
	}
	const result = {
		mode: args.kill ? 'kill one web and one worker mid-storm' : 'plain',
		applicants: Number(args.applicants),
		slots: Number(args.seats),
		...figures.headline,
		killed,
		decisionsByWorker,
		heldJobsAtKill,
		stalledJobsTakenOver: stalledJobs,
		clientErrors: {
			total: Object.values(networkErrors).reduce((sum, count) => sum + count, 0),
			beforeKill: errorsBeforeKill,
			afterKill: args.kill ? errorsAfterKill : {}
		},
		nginx: proxyLog(path.join(nginxDir, 'error.log')),
		clientLoopLagMs: clientLagMs,
		loadAverageAtStart: loadAtStart,
		setup: {
			...setup,
			nginxPort: NGINX_PORT,
			killAfterOpeningMs: args.kill ? KILL_AFTER_MS : null
		},
		perOffice: figures.perOffice,
		phases: figures.phases,
		outcomes: figures.outcomes
	};
	writeFileSync(args.out, `${JSON.stringify(result, null, 2)}\n`);
} finally {
	rmSync(nginxDir, { recursive: true, force: true });
}
process.exit(0);

/**
 * What nginx saw of the upstreams, per upstream address: refused connects (the request went
 * to the other), answers cut off, times it was marked down, and requests that found none up.
 */
function proxyLog(file: string) {
	let text = '';
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return null;
	}
	const tally: Record<string, Record<string, number>> = {};
	const patterns: [string, RegExp][] = [
		['connectFailed', /connect\(\) failed/],
		['connectTimedOut', /timed out\) while connecting/],
		['readTimedOut', /timed out\) while reading/],
		['upstreamClosedEarly', /upstream prematurely closed/],
		['markedDown', /upstream server temporarily disabled/],
		['noLiveUpstreams', /no live upstreams/]
	];
	for (const line of text.split('\n')) {
		const kind = patterns.find(([, pattern]) => pattern.test(line))?.[0];
		if (!kind) continue;
		const upstream = /upstream: "http:\/\/([^/"]+)/.exec(line)?.[1] ?? 'none';
		tally[upstream] ??= {};
		tally[upstream][kind] = (tally[upstream][kind] ?? 0) + 1;
	}
	return tally;
}

/**
 * Waits (up to 10 s) until the worker named `identity` is deciding a booking job, so the kill
 * interrupts one; returns how many it holds (0 if none came along).
 */
async function untilHoldingJobs(storm: Storm, identity: string) {
	const { Queue } = await import('bullmq');
	const { Redis } = await import('ioredis');
	const { bookingQueueName } = await import('../../src/lib/server/booking/queue');
	const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
	const queues = storm.rooms.map(
		(room) =>
			new Queue(bookingQueueName(room.officeId), { connection, prefix: `${storm.prefix}:bull` })
	);
	try {
		const giveUpAt = performance.now() + 10_000;
		while (performance.now() < giveUpAt) {
			const active = (await Promise.all(queues.map((queue) => queue.getActive()))).flat();
			const held = active.filter((job) => job.processedBy === identity).length;
			if (held > 0) return held;
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		return 0;
	} finally {
		await Promise.all(queues.map((queue) => queue.close()));
		connection.disconnect();
	}
}

async function stalledBookingJobs(storm: Storm) {
	const { Queue } = await import('bullmq');
	const { Redis } = await import('ioredis');
	const { bookingQueueName } = await import('../../src/lib/server/booking/queue');
	const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
	let stalled = 0;
	try {
		for (const room of storm.rooms) {
			const queue = new Queue(bookingQueueName(room.officeId), {
				connection,
				prefix: `${storm.prefix}:bull`
			});
			for (const job of await queue.getJobs(
				['completed', 'failed', 'active', 'wait'],
				0,
				100_000
			)) {
				if (job.stalledCounter > 0) stalled++;
			}
			await queue.close();
		}
	} finally {
		connection.disconnect();
	}
	return stalled;
}
