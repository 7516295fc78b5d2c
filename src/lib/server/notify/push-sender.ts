import webpush from 'web-push';
import { vapidKeys, type VapidKeys } from './vapid';

/** A browser's subscription as the push service handed it to the page. */
export interface PushTarget {
	endpoint: string;
	p256dh: string;
	auth: string;
}

/** What the service worker shows; the words are already in the reader's language. */
export interface PushPayload {
	title: string;
	body: string;
	/** Same-site path the notification opens. */
	link: string;
	/** Replaces an earlier notification about the same thing on the device. */
	tag: string;
}

/**
 * 'sent': the push service accepted it. 'gone': the service says the subscription no longer
 * exists (404/410), so it must be forgotten. Anything else throws, and the job is retried.
 */
export type PushResult = 'sent' | 'gone';

/** The edge to the browsers' push services; the real one is `webPushSender`. */
export interface PushSender {
	send(target: PushTarget, payload: PushPayload): Promise<PushResult>;
}

export class PushServiceError extends Error {
	constructor(readonly status: number) {
		super(`push service answered ${status}`);
		this.name = 'PushServiceError';
	}
}

const TIME_TO_LIVE_SECONDS = 24 * 60 * 60;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Encrypts (RFC 8291, aes128gcm) and signs (VAPID, RFC 8292) with the `web-push` library, then
 * posts with fetch: the library's own transport speaks https only, and fetch gives the timeout.
 */
export function webPushSender(vapid: () => Promise<VapidKeys> = vapidKeys): PushSender {
	return {
		async send(target, payload) {
			const keys = await vapid();
			const request = webpush.generateRequestDetails(
				{ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
				JSON.stringify(payload),
				{
					vapidDetails: keys,
					TTL: TIME_TO_LIVE_SECONDS,
					contentEncoding: 'aes128gcm',
					urgency: 'high'
				}
			);
			const response = await fetch(request.endpoint, {
				method: request.method,
				headers: request.headers as Record<string, string>,
				body: request.body ? new Uint8Array(request.body) : null,
				signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
			});
			await response.body?.cancel();
			if (response.status === 404 || response.status === 410) return 'gone';
			if (!response.ok) throw new PushServiceError(response.status);
			return 'sent';
		}
	};
}

let active: PushSender | undefined;

export function activePushSender(): PushSender {
	active ??= webPushSender();
	return active;
}
