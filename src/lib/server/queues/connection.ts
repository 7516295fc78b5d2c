import { config } from '../config';
import { redis } from '../redis';

/** Shared BullMQ options; the prefix keeps test runs and deployments apart in one Redis. */
export function queueOptions() {
	return { connection: redis(), prefix: `${config().REDIS_PREFIX}:bull` };
}
