/**
 * Web Push on this device. Permission is asked only from the person's own click (browsers
 * block or remember a refusal asked for on load), and every outcome is told plainly: no
 * support, permission refused, or on.
 */
import { trpc } from '$lib/trpc';

export type PushState = 'unsupported' | 'denied' | 'off' | 'on';

function supported(): boolean {
	return (
		typeof window !== 'undefined' &&
		'serviceWorker' in navigator &&
		'PushManager' in window &&
		'Notification' in window
	);
}

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
	// getRegistration, not `ready`: with no worker (dev server, blocked) `ready` never settles.
	return navigator.serviceWorker.getRegistration('/');
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
	const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
	const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
	const current = subscription.options.applicationServerKey;
	if (!current) return false;
	const bytes = new Uint8Array(current);
	return bytes.length === key.length && bytes.every((byte, index) => byte === key[index]);
}

/** This device's state for the signed-in person; asks the server whether it has the endpoint. */
export async function pushState(): Promise<PushState> {
	if (!supported()) return 'unsupported';
	if (Notification.permission === 'denied') return 'denied';
	const worker = await registration();
	if (!worker) return 'unsupported';
	const subscription = await worker.pushManager.getSubscription();
	if (!subscription || Notification.permission !== 'granted') return 'off';
	const { subscribed } = await trpc.notify.pushStatus.query({ endpoint: subscription.endpoint });
	return subscribed ? 'on' : 'off';
}

/** Call straight from a click handler: the permission prompt needs the person's gesture. */
export async function enablePush(): Promise<PushState> {
	if (!supported()) return 'unsupported';
	const permission = await Notification.requestPermission();
	if (permission === 'denied') return 'denied';
	if (permission !== 'granted') return 'off';
	const worker = await registration();
	if (!worker) return 'unsupported';
	const key = keyBytes((await trpc.notify.pushKey.query()).publicKey);
	let subscription = await worker.pushManager.getSubscription();
	// A subscription made for another server key (the key was rotated) cannot be used.
	if (subscription && !sameKey(subscription, key)) {
		await subscription.unsubscribe();
		subscription = null;
	}
	subscription ??= await worker.pushManager.subscribe({
		userVisibleOnly: true,
		applicationServerKey: key
	});
	const json = subscription.toJSON();
	await trpc.notify.pushSubscribe.mutate({
		endpoint: subscription.endpoint,
		keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
		userAgent: navigator.userAgent.slice(0, 300)
	});
	return 'on';
}

export async function disablePush(): Promise<PushState> {
	if (!supported()) return 'unsupported';
	const subscription = await (await registration())?.pushManager.getSubscription();
	if (subscription) {
		await trpc.notify.pushUnsubscribe.mutate({ endpoint: subscription.endpoint });
		await subscription.unsubscribe();
	}
	return 'off';
}
