import { Redis } from 'ioredis';
import { config } from '../config';
import { ROOM_KEY_NAMES } from './keys';
import { ROOM_SCRIPTS } from './scripts';

let connection: Redis | undefined;

/**
 * The waiting room's own Redis connection, with auto-pipelining: at an opening thousands of
 * joins and status reads arrive together, and commands issued in the same tick go out in one
 * write instead of one system call each.
 */
export function roomRedis(): Redis {
	if (!connection) {
		connection = new Redis(config().REDIS_URL, { enableAutoPipelining: true });
		// Scripts must be known before the first pipeline forms, so they are defined at once.
		for (const [name, lua] of Object.entries(ROOM_SCRIPTS)) {
			connection.defineCommand(name, { numberOfKeys: ROOM_KEY_NAMES.length, lua });
		}
	}
	return connection;
}

export async function closeRoomRedis(): Promise<void> {
	const current = connection;
	connection = undefined;
	await current?.quit().catch(() => current.disconnect());
}
