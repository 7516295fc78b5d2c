/**
 * Registers the service worker (src/service-worker.ts) with workbox-window and tells the page
 * when a new version of the app is ready. The page never reloads on its own: it reloads only
 * after the person chose to (so nothing they are typing is interrupted).
 */
import { dev } from '$app/environment';

/** How often an open app asks the server whether a new version was deployed. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export interface ServiceWorkerEvents {
	/** A new version is ready; call `apply` when the person chooses to reload. */
	onUpdateReady(apply: () => void): void;
}

let registered = false;

export async function registerServiceWorker(events: ServiceWorkerEvents): Promise<void> {
	if (registered || !('serviceWorker' in navigator)) return;
	if (dev) {
		// In `vite dev` there is nothing to precache, and a worker left by `npm start` on the
		// same port would keep serving that old build's shell.
		const leftovers = await navigator.serviceWorker.getRegistrations();
		await Promise.all(leftovers.map((registration) => registration.unregister()));
		return;
	}
	registered = true;

	// Loaded lazily: not needed to show the first page.
	const { Workbox } = await import('workbox-window');
	const workbox = new Workbox('/service-worker.js', { scope: '/' });
	let reloadChosen = false;

	const applyWaitingVersion = () => {
		reloadChosen = true;
		workbox.messageSkipWaiting();
	};

	workbox.addEventListener('waiting', () => events.onUpdateReady(applyWaitingVersion));

	// A page that loaded with no worker came from the network, so it already runs the newest
	// code: the first worker taking control (even one begun by an earlier page) is no update.
	const loadedUnderWorker = navigator.serviceWorker.controller !== null;

	workbox.addEventListener('controlling', (event) => {
		if (reloadChosen) {
			window.location.reload();
		} else if (loadedUnderWorker && (event.isUpdate || event.isExternal)) {
			// Another tab switched to the new version; this one still runs the old code.
			events.onUpdateReady(() => window.location.reload());
		}
	});

	const registration = await workbox.register();
	if (!registration) return;

	// Browsers look for a new worker only on full page loads; an app left open for days
	// (typical when installed) would never hear of one.
	let lastCheck = Date.now();
	const checkForUpdate = () => {
		if (document.visibilityState !== 'visible' || !navigator.onLine) return;
		if (Date.now() - lastCheck < UPDATE_CHECK_INTERVAL_MS) return;
		lastCheck = Date.now();
		void workbox.update().catch(() => {});
	};
	document.addEventListener('visibilitychange', checkForUpdate);
	setInterval(checkForUpdate, UPDATE_CHECK_INTERVAL_MS);
}
