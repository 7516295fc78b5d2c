/**
 * The service worker's answer to a hall board navigation: the server's page when it comes in
 * time, else the copy of that board the kiosk page keeps for itself (KIOSK_PAGE_CACHE), so a
 * kiosk browser restarted with no connection opens its board, with the last numbers it saw.
 * The page writes the copy (src/lib/client/kiosk/board-memory.ts); this only reads it.
 */
import { registerRoute } from 'workbox-routing';
import { KIOSK_PAGE_CACHE, navigationHandling } from '$lib/cache-policy';

export function registerKioskPageRoute(options: {
	/** The app's own origin: another site's page is never this. */
	origin: string;
	timeoutMs: number;
	/** What to answer when neither the server nor a kept copy can (the app shell). */
	fallback: () => Promise<Response | undefined>;
}): void {
	registerRoute(
		({ request, url }) =>
			request.mode === 'navigate' &&
			url.origin === options.origin &&
			navigationHandling(url.pathname) === 'kiosk',
		async ({ request, url }) => {
			const fromNetwork = fetch(request);
			fromNetwork.catch(() => {});
			const timedOut = new Promise<undefined>((resolve) =>
				setTimeout(() => resolve(undefined), options.timeoutMs)
			);
			try {
				const answer = await Promise.race([fromNetwork, timedOut]);
				// A server in trouble (a proxy's 502) is no better than no connection.
				if (answer && answer.status < 500) return answer;
			} catch {
				// Offline: the kept copy below.
			}
			const kept = await (await caches.open(KIOSK_PAGE_CACHE)).match(url.pathname);
			return kept ?? (await options.fallback()) ?? Response.error();
		}
	);
}
