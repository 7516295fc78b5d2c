import webpush from 'web-push';
import { config } from '../config';
import { logger } from '../logger';
import { redis, redisKey } from '../redis';

export interface VapidKeys {
	publicKey: string;
	privateKey: string;
	subject: string;
}

let keys: Promise<VapidKeys> | undefined;

/**
 * The VAPID pair push services know this sender by. Production sets it (config refuses to start
 * without); elsewhere the processes agree on a pair kept in Redis, like the admission secret, so
 * a fresh checkout can push at once and every process signs with the same key.
 */
export function vapidKeys(): Promise<VapidKeys> {
	keys ??= (async () => {
		const settings = config();
		const subject = settings.VAPID_SUBJECT;
		if (settings.VAPID_PUBLIC_KEY && settings.VAPID_PRIVATE_KEY)
			return {
				publicKey: settings.VAPID_PUBLIC_KEY,
				privateKey: settings.VAPID_PRIVATE_KEY,
				subject
			};
		const key = redisKey('dev-vapid-keys');
		await redis().set(key, JSON.stringify(webpush.generateVAPIDKeys()), 'NX');
		const shared = await redis().get(key);
		if (!shared) throw new Error('dev VAPID keys missing in Redis');
		logger().warn('VAPID keys are not set; using a development pair shared through Redis');
		const pair = JSON.parse(shared) as { publicKey: string; privateKey: string };
		return { ...pair, subject };
	})();
	keys.catch(() => (keys = undefined));
	return keys;
}

export function resetVapidKeysForTests(): void {
	keys = undefined;
}
