/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * Lancar's service worker (Workbox). It makes the installed app open with no signal:
 * - precaches the app shell: every built JS/CSS file, the static files and /app-shell;
 * - answers applicant-area navigations with the shell, other pages network-first;
 * - a hall board page network-first, then the copy the kiosk keeps ($lib/sw/kiosk-page);
 * - keeps public data (office list, fees) stale-while-revalidate for offline use;
 * - never stores personal answers: those live in IndexedDB, not in any cache;
 * - shows Web Push notices and opens their link when tapped.
 * Policy (which path is which) lives in $lib/cache-policy, shared with the server.
 */
import { build, files, prerendered, version } from '$service-worker';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	matchPrecache,
	precacheAndRoute
} from 'workbox-precaching';
import { registerRoute, setCatchHandler, type RouteMatchCallbackOptions } from 'workbox-routing';
import { CacheFirst, NetworkOnly, StaleWhileRevalidate } from 'workbox-strategies';
import { APP_SHELL_PATH, isPersonalApi, isPublicData, navigationHandling } from '$lib/cache-policy';
import { registerKioskPageRoute } from '$lib/sw/kiosk-page';
import { PUSH_ICON, pushLink, shownPush } from '$lib/push-notification';

declare const self: ServiceWorkerGlobalScope;

/** How long a page from the server may take before the shell is shown instead (slow 3G). */
const NAVIGATION_TIMEOUT_MS = 3_000;
const PUBLIC_DATA_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

// Build files carry a content hash in their name, so the URL is the revision; the rest
// (static files, the prerendered shell) changes with the app version.
precacheAndRoute([
	...build.map((url) => ({ url, revision: null })),
	...[...files, ...prerendered].map((url) => ({ url, revision: version }))
]);
cleanupOutdatedCaches();

const sameOrigin = (url: URL) => url.origin === self.location.origin;
const isNavigation = ({ request, url }: RouteMatchCallbackOptions) =>
	request.mode === 'navigate' && sameOrigin(url);

registerRoute(
	(options) => isNavigation(options) && navigationHandling(options.url.pathname) === 'shell',
	createHandlerBoundToURL(APP_SHELL_PATH)
);

registerRoute(
	(options) =>
		isNavigation(options) && navigationHandling(options.url.pathname) === 'network-first',
	async ({ request }) => {
		const fromNetwork = fetch(request);
		const timedOut = new Promise<'timeout'>((resolve) =>
			setTimeout(() => resolve('timeout'), NAVIGATION_TIMEOUT_MS)
		);
		try {
			const answer = await Promise.race([fromNetwork, timedOut]);
			if (answer !== 'timeout') return answer;
		} catch {
			// Offline or the connection dropped: the shell below lets the client router take over.
		}
		fromNetwork.catch(() => {});
		return (await matchPrecache(APP_SHELL_PATH)) ?? Response.error();
	}
);

registerKioskPageRoute({
	origin: self.location.origin,
	timeoutMs: NAVIGATION_TIMEOUT_MS,
	fallback: () => matchPrecache(APP_SHELL_PATH)
});

registerRoute(
	({ url }) => sameOrigin(url) && isPublicData(url.pathname),
	new StaleWhileRevalidate({
		cacheName: 'lancar-public-data',
		plugins: [
			new CacheableResponsePlugin({ statuses: [200] }),
			new ExpirationPlugin({
				maxEntries: 50,
				maxAgeSeconds: PUBLIC_DATA_MAX_AGE_SECONDS,
				purgeOnQuotaError: true
			})
		]
	})
);

// Web worker scripts (photo compression) are left out of SvelteKit's build list; their names
// carry a content hash, so the copy kept after first use is valid until the next version.
registerRoute(
	({ url }) => sameOrigin(url) && url.pathname.startsWith('/_app/immutable/workers/'),
	new CacheFirst({
		cacheName: 'lancar-workers',
		plugins: [
			new CacheableResponsePlugin({ statuses: [200] }),
			new ExpirationPlugin({ maxEntries: 10, purgeOnQuotaError: true })
		]
	})
);

// Explicit, so no later catch-all route can ever put a personal answer in a cache.
registerRoute(({ url }) => sameOrigin(url) && isPersonalApi(url.pathname), new NetworkOnly());

setCatchHandler(async () => Response.error());

// The page asks for this (src/lib/client/pwa.ts) only when the person chooses to reload.
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('push', (event) => {
	const push = shownPush(event.data?.text() ?? null);
	event.waitUntil(
		self.registration.showNotification(push.title, {
			body: push.body,
			icon: PUSH_ICON,
			badge: PUSH_ICON,
			tag: push.tag,
			data: { link: push.link }
		})
	);
});

// Tapping a notice focuses an open window of the app on its link, or opens one.
self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const link = new URL(pushLink(event.notification.data?.link), self.location.origin);
	event.waitUntil(
		(async () => {
			const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
			const open = windows.find((client) => new URL(client.url).origin === link.origin);
			if (open) {
				await open.focus();
				await open.navigate(link.href).catch(() => undefined);
				return;
			}
			await self.clients.openWindow(link.href);
		})()
	);
});

// Take over the page that installed us, so it works offline without a second visit.
clientsClaim();
