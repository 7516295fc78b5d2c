import { productionSecrets } from './production-secrets';

/**
 * What every web and worker process of one bench run shares: production mode, the run's own
 * database and Redis prefix, and one set of production secrets (call it once per run, since
 * the secrets are fresh on each call and web and worker processes must agree on them).
 */
export function serverEnvironment(
	databaseUrl: string,
	redisUrl: string,
	prefix: string
): Record<string, string> {
	return {
		NODE_ENV: 'production',
		DATABASE_URL: databaseUrl,
		REDIS_URL: redisUrl,
		REDIS_PREFIX: prefix,
		REDIS_AUTOSTART: 'false',
		...productionSecrets(),
		LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn'
	};
}
