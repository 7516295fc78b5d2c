import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type postgres from 'postgres';
import type { Db } from '../../src/lib/server/db/client';
import type { ProbeConfig, ProbeSamples } from './status-probe-child';
import { seedAccounts, seedRelease } from './seed';
import { percentile, round } from './stats';

/** How long after the opening counts as the herd. */
export const HERD_MS = 20_000;

/**
 * Starts the status probe (status-probe-child.ts): `count` people of their own waiting in the
 * pre-queue of a release opening in two days at `office`, each asking for their status every
 * `intervalMs`. Their room is not the storm's, so they change nothing in the play; their
 * answers come from the same web processes.
 */
export async function startStatusProbe(options: {
	db: Db;
	sql: postgres.Sql;
	office: { id: string; time_zone: string };
	staffId: string;
	baseUrls: string[];
	count: number;
	intervalMs: number;
	officeDate: (days: number, timeZone: string) => { date: string; weekday: number };
	kind: { passportType: 'elektronik'; service: 'reguler' };
}) {
	const accounts = await seedAccounts(options.sql, options.count, options.kind);
	const { date, weekday } = options.officeDate(6, options.office.time_zone);
	const release = await seedRelease(options.db, {
		officeId: options.office.id,
		timeZone: options.office.time_zone,
		staffId: options.staffId,
		seats: 10,
		perSlot: 5,
		opensAt: new Date(Date.now() + 2 * 86_400_000),
		date,
		weekday,
		kind: options.kind,
		label: 'Status probe'
	});
	const directory = mkdtempSync(join(tmpdir(), 'lancar-probe-'));
	const config: ProbeConfig = {
		baseUrls: options.baseUrls,
		releaseId: release.id,
		accounts,
		intervalMs: options.intervalMs,
		output: join(directory, 'samples.json')
	};
	writeFileSync(join(directory, 'config.json'), JSON.stringify(config));
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'bench/booking/status-probe-child.ts', join(directory, 'config.json')],
		{ stdio: ['ignore', 'ignore', 'inherit'] }
	);
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	return {
		async stop(): Promise<ProbeSamples> {
			child.kill('SIGTERM');
			const code = await exited;
			if (code !== 0) throw new Error(`status probe exited with ${code}`);
			return JSON.parse(readFileSync(config.output, 'utf8')) as ProbeSamples;
		}
	};
}

/** p99 of the probe's answers: before the opening, in the herd after it, and overall. */
export function probeFigures(probe: ProbeSamples, opensAt: Date) {
	const opening = opensAt.getTime();
	const times = (keep: (sentAt: number) => boolean) =>
		probe.samples.filter(([sentAt]) => keep(sentAt)).map(([, ms]) => ms);
	const before = times((sentAt) => sentAt < opening);
	const herd = times((sentAt) => sentAt >= opening && sentAt < opening + HERD_MS);
	const all = times(() => true);
	const perSecond = Array.from({ length: HERD_MS / 1000 }, (_, second) =>
		round(
			percentile(
				times(
					(sentAt) => sentAt >= opening + second * 1000 && sentAt < opening + (second + 1) * 1000
				),
				99
			),
			0
		)
	);
	return {
		statusProbeP99Ms: round(percentile(all, 99), 1),
		statusProbeP99BeforeOpeningMs: round(percentile(before, 99), 1),
		statusProbeP50HerdMs: round(percentile(herd, 50), 1),
		statusProbeP99HerdMs: round(percentile(herd, 99), 1),
		statusProbeP99PerHerdSecondMs: perSecond,
		statusProbeCalls: all.length,
		statusProbeErrors: probe.errors
	};
}
