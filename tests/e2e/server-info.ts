import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

export interface E2eServerInfo {
	databaseUrl: string;
	redisUrl: string;
	redisPrefix: string;
}

export function e2eServerInfoPath(port: string): string {
	return path.resolve('node_modules/.cache/lancar-e2e', `${port}.json`);
}

/** The stores of the server Playwright started (tests/e2e/serve.ts). */
export function e2eServerInfo(): E2eServerInfo {
	const port = process.env.E2E_PORT ?? '4173';
	return JSON.parse(readFileSync(e2eServerInfoPath(port), 'utf8')) as E2eServerInfo;
}

/** Runs a query against the e2e server's database, for checks the API does not expose. */
export async function queryE2eDatabase<Row extends Record<string, unknown>>(
	run: (sql: postgres.Sql) => Promise<Row[]>
): Promise<Row[]> {
	const sql = postgres(e2eServerInfo().databaseUrl, { max: 1, onnotice: () => {} });
	try {
		return await run(sql);
	} finally {
		await sql.end();
	}
}
