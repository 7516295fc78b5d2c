/**
 * Which requests the service worker may answer from its caches, and which must always go to
 * the server. Shared by src/service-worker.ts and src/hooks.server.ts so the two never disagree.
 */

/** The prerendered, client-rendered page every applicant route is answered with offline. */
export const APP_SHELL_PATH = '/app-shell';

/**
 * Answers about one person (session, drafts, documents): never cached by the service worker
 * or the HTTP cache; the browser keeps what it needs of them in IndexedDB instead.
 */
export const PERSONAL_API_PREFIXES = [
	'/api/trpc',
	'/api/session',
	'/api/uploads',
	'/api/documents',
	'/api/bookings',
	'/api/payments'
] as const;

/** The same for every visitor (office list, fee table): safe to keep for offline use. */
export const PUBLIC_DATA_PREFIX = '/api/public';

/**
 * A hall board's page, kept on the kiosk device by the page itself so that a kiosk browser
 * restarted with no connection still opens the board (not the app shell). Only the public
 * board: it shows queue numbers, nothing about a person.
 */
export const KIOSK_PAGE_CACHE = 'lancar-kiosk-page';

const KIOSK_PAGE = /^\/kiosk\/[^/]+\/?$/;

export function isKioskPage(pathname: string): boolean {
	return KIOSK_PAGE.test(pathname);
}

/** The applicant area: client-rendered, so its HTML is the app shell whatever the URL. */
const APP_SHELL_ROUTE_PREFIXES = ['/dashboard', '/applicants', '/applications'] as const;

function isUnder(pathname: string, prefix: string): boolean {
	return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function isPersonalApi(pathname: string): boolean {
	return PERSONAL_API_PREFIXES.some((prefix) => isUnder(pathname, prefix));
}

export function isPublicData(pathname: string): boolean {
	return isUnder(pathname, PUBLIC_DATA_PREFIX);
}

/**
 * How the service worker answers a page navigation:
 * - `shell`: the precached app shell at once (the server would send the same HTML);
 * - `network-first`: the server's page, or the shell when the network fails or is too slow;
 * - `kiosk`: the server's page, or the board's copy kept on the device (KIOSK_PAGE_CACHE);
 * - `network-only`: untouched (API URLs opened directly, such as a document download).
 */
export type NavigationHandling = 'shell' | 'network-first' | 'kiosk' | 'network-only';

export function navigationHandling(pathname: string): NavigationHandling {
	if (isUnder(pathname, '/api')) return 'network-only';
	if (APP_SHELL_ROUTE_PREFIXES.some((prefix) => isUnder(pathname, prefix))) return 'shell';
	if (isKioskPage(pathname)) return 'kiosk';
	return 'network-first';
}
