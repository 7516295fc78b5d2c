/**
 * A worker process for tests that need several (or need to kill one): the app's own workers,
 * started like `npm run worker`. SLOW_DECISION_MS makes each decision wait inside its
 * transaction before committing, so a test can kill the process in the middle of one.
 */
import { startServices } from '../../src/lib/server/startup';

const slowMs = Number(process.env.SLOW_DECISION_MS ?? 0);
const running = await startServices({
	workers: true,
	hooks:
		slowMs > 0 ? { beforeCommit: () => new Promise((resolve) => setTimeout(resolve, slowMs)) } : {}
});
process.stdout.write('ready\n');

process.once('SIGTERM', async () => {
	await running.stop();
	process.exit(0);
});
