/**
 * Scale-out, proven here: the booking storm of `bench:booking` played through nginx in front of
 * two web processes and two worker processes on one PostgreSQL and one Redis, twice: once
 * plain, once with one web and one worker process SIGKILLed a few seconds after the opening.
 *   npm run bench:scaleout [-- --applicants 5000 --seats 500 --kill-after 3 --kill-at-booked 0.25
 *   --port 4240]
 * (or BENCH_APPLICANTS / BENCH_SEATS). nginx is installed with apt-get when missing and runs as
 * a child with its own config; ports: nginx on --port, web processes on the next two.
 * Writes bench/results/scaleout.json and prints a table. The guarantees are checked: the
 * command fails when anything was oversold, left unanswered or served out of order.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { round } from './booking/stats';

const { values: args } = parseArgs({
	options: {
		applicants: { type: 'string', default: process.env.BENCH_APPLICANTS ?? '5000' },
		seats: { type: 'string', default: process.env.BENCH_SEATS ?? '500' },
		'live-share': { type: 'string', default: '0.8' },
		'pre-window': { type: 'string', default: '60' },
		'kill-after': { type: 'string', default: '3' },
		'kill-at-booked': { type: 'string', default: '0.25' },
		port: { type: 'string', default: '4240' }
	}
});

const scratch = mkdtempSync(path.join(tmpdir(), 'lancar-scaleout-'));
const runs: Record<string, unknown>[] = [];
try {
	for (const kill of [false, true]) {
		const out = path.join(scratch, kill ? 'kill.json' : 'plain.json');
		const passed = Object.entries(args).flatMap(([name, value]) => [`--${name}`, String(value)]);
		console.error(`[scaleout] ${kill ? 'run 2: killing one web and one worker' : 'run 1: plain'}`);
		const child = spawnSync(
			process.execPath,
			[
				'--import',
				'tsx',
				'bench/scaleout/run.ts',
				'--out',
				out,
				...passed,
				...(kill ? ['--kill'] : [])
			],
			{ stdio: 'inherit' }
		);
		if (child.status !== 0) throw new Error(`scale-out run failed (exit ${child.status})`);
		runs.push(JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>);
	}
} finally {
	rmSync(scratch, { recursive: true, force: true });
}

const result = {
	benchmark: 'scaleout',
	date: new Date().toISOString(),
	node: process.version,
	cores: availableParallelism(),
	memoryGiB: round(totalmem() / 2 ** 30, 1),
	parameters: {
		applicants: Number(args.applicants),
		slots: Number(args.seats),
		webProcesses: 2,
		workerProcesses: 2,
		liveShare: Number(args['live-share']),
		preWindowSeconds: Number(args['pre-window']),
		killAfterOpeningSeconds: Number(args['kill-after']),
		killAtBookedShare: Number(args['kill-at-booked'])
	},
	runs,
	definitions: {
		mode: 'plain: every process up; kill: web-1 and worker-1 get SIGKILL once killAtBookedShare of the seats are booked (not before killAfterOpeningSeconds after the opening, so the kill lands while bookings flow on a fast or a slow machine) and stay down',
		heldJobsAtKill:
			'booking jobs worker-1 was seen deciding just before the kill: after the seat threshold the kill waits up to 10 s for worker-1 to hold one (BullMQ’s processedBy), so the takeover is likely exercised; the job may still finish in the milliseconds before the signal lands',
		stalledJobsTakenOver:
			'booking jobs the killed worker held when it died, finished by the other worker after BOOKING_STALLED_MS (0 when it held none at that instant)',
		oversold: 'seats held beyond a slot’s capacity, from the bookings table (must be 0)',
		unanswered:
			'virtual applicants with no final answer (booked, sold out, refused) at the end (must be 0); a request cut off by a dying web process is retried like a browser would, through nginx to the other one',
		fifoInversions:
			'as in bench:booking: post-opening pairs of definite arrival order admitted out of order, plus admissions out of ticket order (must be 0)',
		decisionsByWorker:
			'booking decisions per worker process (from booking_attempts.decided_by) and its last one after the opening: the killed worker decides nothing after the kill, the other takes over its queue and its interrupted jobs',
		clientErrors:
			'requests the virtual applicants saw fail without an answer (connection reset, nginx 502) and retried; beforeKill / afterKill split them at the kill',
		nginx:
			'lines of nginx’s error log: connects refused by a dead upstream (the request went to the other one), answers cut off (the client got a 502 and retried), upstream marked down',
		decisionMs:
			'from the moment a person could be served (join answer, or the opening) to their final answer; a booking job held by the killed worker is taken over after BOOKING_STALLED_MS (30 s by default), which shows in the kill run’s p99'
	}
};

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/scaleout.json', `${JSON.stringify(result, null, 2)}\n`);
printTable(runs);

const broken = runs.filter(
	(run) => run.oversold !== 0 || run.unanswered !== 0 || run.fifoInversions !== 0
);
if (broken.length > 0) {
	console.error(`[scaleout] guarantees broken in ${broken.map((run) => run.mode).join(', ')}`);
	process.exit(1);
}

function printTable(list: Record<string, unknown>[]) {
	const keys = [
		'applicants',
		'slots',
		'booked',
		'oversold',
		'unanswered',
		'fifoInversions',
		'fifoPairsChecked',
		'bookingsPerSec',
		'decisionP50Ms',
		'decisionP99Ms',
		'joinP99Ms',
		'statusP99Ms'
	];
	const table: Record<string, Record<string, unknown>> = {};
	for (const key of keys) {
		table[key] = Object.fromEntries(list.map((run, index) => [index ? 'kill' : 'plain', run[key]]));
	}
	const kill = list[1] as { killed?: { process: string; afterOpeningMs: number }[] } | undefined;
	table.killed = {
		plain: '—',
		kill: kill?.killed?.map((entry) => `${entry.process}@${entry.afterOpeningMs}ms`).join(', ')
	};
	table.clientErrors = Object.fromEntries(
		list.map((run, index) => [
			index ? 'kill' : 'plain',
			JSON.stringify((run.clientErrors as { total: number }).total)
		])
	);
	console.table(table);
	for (const run of list) {
		console.log(
			`${run.mode}: client errors ${JSON.stringify(run.clientErrors)}, nginx ${JSON.stringify(run.nginx)}, decisions ${JSON.stringify(run.decisionsByWorker)}`
		);
	}
}
