import { config } from '../config';
import { openPglite, openPostgres, type DatabaseHandle, type Db } from './client';

let handle: Promise<DatabaseHandle> | undefined;

/** The process-wide database, opened on first use: PostgreSQL if DATABASE_URL is set, else PGlite. */
export function database(): Promise<DatabaseHandle> {
	handle ??= (async () => {
		const { DATABASE_URL, PGLITE_DIR } = config();
		return DATABASE_URL ? openPostgres(DATABASE_URL) : openPglite(PGLITE_DIR);
	})();
	return handle;
}

export async function db(): Promise<Db> {
	return (await database()).db;
}

export async function closeDatabase(): Promise<void> {
	if (!handle) return;
	const current = handle;
	handle = undefined;
	await (await current).close();
}

export type { Db };
export * as schema from './schema';
