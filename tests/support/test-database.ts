import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** The PostgreSQL server tests run against; each run gets a database of its own there. */
export const TEST_POSTGRES_URL =
	process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function uniqueName(prefix: string): string {
	return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function databaseUrl(name: string): string {
	const url = new URL(TEST_POSTGRES_URL);
	url.pathname = `/${name}`;
	return url.toString();
}

async function withAdmin(run: (sql: postgres.Sql) => Promise<unknown>) {
	const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
	try {
		await run(admin);
	} finally {
		await admin.end();
	}
}

export async function createDatabase(name: string): Promise<string> {
	await withAdmin((sql) => sql.unsafe(`CREATE DATABASE "${name}"`));
	return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
	await withAdmin((sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
