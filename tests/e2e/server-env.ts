import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface E2eServerEnv {
	databaseUrl: string;
	redisUrl: string;
	redisPrefix: string;
}

/** Where serve.ts leaves the database and Redis prefix of the server it started on `port`. */
export function e2eEnvFile(port: string | number): string {
	return path.join(tmpdir(), `lancar-e2e-${port}.json`);
}

export function e2eServerEnv(): E2eServerEnv {
	return JSON.parse(readFileSync(e2eEnvFile(process.env.E2E_PORT ?? '4173'), 'utf8'));
}
