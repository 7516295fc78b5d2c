import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { answersPing } from '../redis';

export type ReadinessPart = 'postgres' | 'redis' | 'migrations';

export interface Readiness {
	ready: boolean;
	/** The parts that are not ready, each with a short reason. */
	failing: { part: ReadinessPart; reason: string }[];
}

/** A probe that hangs (e.g. a black-holed address) must not hold up the answer. */
const PROBE_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, label: string): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${label} timed out`)), PROBE_TIMEOUT_MS);
		promise.then(
			(value) => {
				clearTimeout(timer);
				resolve(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		);
	});
}

const shipped = new Map<string, number[]>();

/**
 * The folder timestamps of the migrations this build ships (drizzle stores them as created_at).
 * The journal is part of the build, so each process reads it once, not on every probe.
 */
export function shippedMigrations(folder = path.resolve(process.cwd(), 'drizzle')): number[] {
	let list = shipped.get(folder);
	if (!list) {
		const journal = JSON.parse(
			readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')
		) as { entries: { when: number }[] };
		list = journal.entries.map((entry) => entry.when);
		shipped.set(folder, list);
	}
	return list;
}

async function appliedMigrations(database: Db): Promise<Set<number>> {
	const rows = await database.execute<{ created_at: string | number }>(
		sql`select created_at from drizzle.__drizzle_migrations`
	);
	return new Set([...rows].map((row) => Number(row.created_at)));
}

/**
 * Whether this process can do its work: Postgres answers, Redis answers and every migration of
 * this build has been applied. Never throws; names each failing part.
 */
export async function checkReadiness(deps: {
	database: () => Promise<Db>;
	redisUrl: string;
	migrations?: number[];
}): Promise<Readiness> {
	const failing: Readiness['failing'] = [];
	const postgres = (async () => {
		let database: Db;
		try {
			database = await withTimeout(deps.database(), 'opening the database');
			await withTimeout(database.execute(sql`select 1`), 'select 1');
		} catch (error) {
			failing.push({ part: 'postgres', reason: (error as Error).message });
			return;
		}
		try {
			const applied = await withTimeout(appliedMigrations(database), 'reading migrations');
			const missing = (deps.migrations ?? shippedMigrations()).filter((when) => !applied.has(when));
			if (missing.length) {
				failing.push({ part: 'migrations', reason: `${missing.length} not applied` });
			}
		} catch (error) {
			failing.push({ part: 'migrations', reason: (error as Error).message });
		}
	})();
	const redis = (async () => {
		if (!(await answersPing(deps.redisUrl))) {
			failing.push({ part: 'redis', reason: 'no PONG' });
		}
	})();
	await Promise.all([postgres, redis]);
	return { ready: failing.length === 0, failing };
}
