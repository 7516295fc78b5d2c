/**
 * Standalone worker process, for deployments on PostgreSQL that scale workers apart from web
 * processes: `npm run worker`. With the embedded database the web process runs the workers.
 */
import { config } from '../src/lib/server/config';
import { logger } from '../src/lib/server/logger';
import { startHealthListener } from '../src/lib/server/ops/health-routes';
import { startServices } from '../src/lib/server/startup';

if (config().usesEmbeddedDatabase) {
	console.error(
		'The standalone worker needs DATABASE_URL: the embedded database lives inside the web process, which already runs the workers.'
	);
	process.exit(1);
}

const running = await startServices({ workers: true });
const { WORKER_HEALTH_PORT } = config();
const healthListener = WORKER_HEALTH_PORT
	? await startHealthListener(WORKER_HEALTH_PORT)
	: undefined;

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.once(signal, async () => {
		logger().info({ signal }, 'worker shutting down');
		healthListener?.close();
		await running.stop();
		process.exit(0);
	});
}
