import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

/**
 * Both drivers expose the same drizzle query builder; the app is written against the
 * postgres.js flavour and PGlite is used through the same surface.
 */
export type Db = PostgresJsDatabase<typeof schema>;

export interface DatabaseHandle {
	db: Db;
	kind: 'postgres' | 'pglite';
	migrate(): Promise<void>;
	close(): Promise<void>;
}

const migrationsFolder = path.resolve(process.cwd(), 'drizzle');

export function openPostgres(url: string, options: { max?: number } = {}): DatabaseHandle {
	const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
	const db = drizzlePostgres(client, { schema });
	return {
		db,
		kind: 'postgres',
		migrate: () => migratePostgres(db, { migrationsFolder }),
		close: () => client.end({ timeout: 5 })
	};
}

export async function openPglite(dataDir: string): Promise<DatabaseHandle> {
	// Loaded lazily so production deployments on PostgreSQL never load the WASM build.
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
	const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
	mkdirSync(dataDir, { recursive: true });
	const client = new PGlite(dataDir);
	const pgliteDb = drizzlePglite(client, { schema });
	return {
		db: pgliteDb as unknown as Db,
		kind: 'pglite',
		migrate: () => migratePglite(pgliteDb, { migrationsFolder }),
		close: () => client.close()
	};
}
