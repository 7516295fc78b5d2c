import type { Redis } from 'ioredis';
import { logger } from './logger';
import { newRedisConnection, redis } from './redis';

type Listener = (message: string) => void;

let subscriber: Redis | undefined;
const listeners = new Map<string, Set<Listener>>();

function connection(): Redis {
	if (!subscriber) {
		// A subscribed connection can do nothing else, so this process keeps one for all channels.
		const created = newRedisConnection();
		created.on('message', (channel: string, message: string) => {
			for (const listener of listeners.get(channel) ?? []) {
				try {
					listener(message);
				} catch (error) {
					logger().warn({ err: error, channel }, 'pub/sub listener failed');
				}
			}
		});
		created.on('error', (error) => logger().warn({ err: error.message }, 'pub/sub connection'));
		subscriber = created;
	}
	return subscriber;
}

/**
 * Listens to a Redis channel until the returned function is called. Every listener of one
 * channel in this process shares one SUBSCRIBE.
 */
export async function subscribe(channel: string, listener: Listener): Promise<() => void> {
	let set = listeners.get(channel);
	if (!set) {
		set = new Set();
		listeners.set(channel, set);
		await connection().subscribe(channel);
	}
	set.add(listener);
	return () => {
		const current = listeners.get(channel);
		if (!current) return;
		current.delete(listener);
		if (current.size === 0) {
			listeners.delete(channel);
			void subscriber?.unsubscribe(channel).catch(() => {});
		}
	};
}

export async function publish(channel: string, message: string): Promise<void> {
	await redis().publish(channel, message);
}

export async function closePubSub(): Promise<void> {
	const current = subscriber;
	subscriber = undefined;
	listeners.clear();
	await current?.quit().catch(() => current.disconnect());
}
