import { randomBytes } from 'node:crypto';
import webpush from 'web-push';

/** Fresh values for every secret production refuses to start without, for bench processes. */
export function productionSecrets(): Record<string, string> {
	const secret = () => randomBytes(32).toString('base64url');
	const vapid = webpush.generateVAPIDKeys();
	return {
		ADMISSION_TOKEN_SECRET: secret(),
		PAYMENT_WEBHOOK_SECRET: secret(),
		RECEIPT_KEY_SECRET: secret(),
		VAPID_PUBLIC_KEY: vapid.publicKey,
		VAPID_PRIVATE_KEY: vapid.privateKey
	};
}
