import { Redis } from 'ioredis';

/** Removes every key a test run wrote under its prefix. */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
	const client = new Redis(url);
	try {
		let cursor = '0';
		do {
			const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
			cursor = next;
			if (keys.length) await client.del(...keys);
		} while (cursor !== '0');
	} finally {
		client.disconnect();
	}
}
