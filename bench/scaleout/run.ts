/**
 * One booking storm through nginx in front of two web and two worker processes; with --kill,
 * one web and one worker process are SIGKILLed a few seconds after the opening. Run by
 * bench/scaleout.ts (each run in a process of its own, so each has fresh server modules).
 *   tsx bench/scaleout/run.ts --out file.json [--kill] [--applicants 5000 --seats 500 …]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { round } from '../booking/stats';
import { log, runStorm } from '../booking/storm';
import { networkErrors } from '../booking/virtual-applicant';
import { startNginx } from './nginx';

const { values: args } = parseArgs({
	options: {
		out: { type: 'string' },
		kill: { type: 'boolean', default: false },
		applicants: { type: 'string', default: '5000' },
		seats: { type: 'string', default: '500' },
		'live-share': { type: 'string', default: '0.8' },
		'pre-window': { type: 'string', default: '60' },
		'kill-after': { type: 'string', default: '3' },
		port: { type: 'string', default: '4240' }
	}
});
if (!args.out) throw new Error('--out is required');
const NGINX_PORT = Number(args.port);
const KILL_AFTER_MS = Number(args['kill-after']) * 1000;
const publicOrigin = `http://127.0.0.1:${NGINX_PORT}`;
const nginxDir = mkdtempSync(path.join(tmpdir(), 'lancar-scaleout-nginx-'));
const loadAtStart = loadavg().map((value) => round(value, 2));

const killed: { process: string; pid: number | undefined; afterOpeningMs: number }[] = [];
/** Client-side failures (connection lost, proxy 502) before and after the kill. */
let errorsBeforeKill: Record<string, number> = {};

try {
	const { figures, setup, clientLagMs } = await runStorm({
		applicants: Number(args.applicants),
		seats: Number(args.seats),
		web: 2,
		workers: 2,
		liveShare: Number(args['live-share']),
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

/** What nginx saw of the upstreams: failed connects (failed over) and answers cut off. */
function proxyLog(file: string) {
	let text = '';
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return null;
	}
	const count = (pattern: RegExp) => text.split('\n').filter((line) => pattern.test(line)).length;
	return {
		connectFailed: count(/connect\(\) failed/),
		upstreamClosedEarly: count(/upstream prematurely closed/),
		markedDown: count(/upstream server temporarily disabled/),
		noLiveUpstreams: count(/no live upstreams/)
	};
}
