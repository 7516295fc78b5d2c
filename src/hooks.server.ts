import { AsyncLocalStorage } from 'node:async_hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { redirect } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building, dev } from '$app/environment';
import { isPersonalApi } from '$lib/cache-policy';
import {
	extractLocaleFromRequest,
	getServerAsyncLocalStorage,
	overwriteServerAsyncLocalStorage
} from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { SESSION_COOKIE, validateSessionCached } from '$lib/server/auth/sessions';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { logger } from '$lib/server/logger';
import { closeEventStreams } from '$lib/server/ops/event-streams';
import { metricsResponse, requestDuration } from '$lib/server/ops/metrics';
import { healthResponse } from '$lib/server/ops/health-routes';
import {
	FALLBACK_CSP,
	refuseUnsafeTrpcPost,
	securityHeaders,
	withHeaders
} from '$lib/server/ops/security-headers';
import { startServices, type Running } from '$lib/server/startup';

let running: Running | undefined;

export const init: ServerInit = async () => {
	// Prerendering the app shell at build time needs no database, Redis or workers.
	if (building) return;
	running = await startServices({ workers: true });
	// adapter-node stops accepting and waits for in-flight requests; open event streams would
	// hold it until its timeout, so they end now with a retry hint (browsers reconnect elsewhere).
	// (Not under `vite dev`, whose own signal handling this would replace.)
	for (const signal of dev ? [] : (['SIGTERM', 'SIGINT'] as const)) {
		process.once(signal, () => {
			const closed = closeEventStreams();
			logger().info({ signal, closedEventStreams: closed }, 'web process shutting down');
		});
	}
	// adapter-node emits this once in-flight requests are done after SIGTERM/SIGINT.
	process.once('sveltekit:shutdown' as 'beforeExit', async () => {
		await running?.stop();
	});
};

const i18n: Handle = ({ event, resolve }) => {
	if (event.url.pathname.startsWith('/api/')) return withApiLocale({ event, resolve });
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});
};

/**
 * API answers are JSON or streams, never localized URLs or HTML: they need only the locale
 * (from the cookie), not the middleware's copy of every request. Copying a request tees its
 * body and was a tenth of a web process's CPU while a waiting room filled (bench:booking).
 */
const withApiLocale: Handle = ({ event, resolve }) => {
	let storage = getServerAsyncLocalStorage();
	if (!storage) {
		storage = new AsyncLocalStorage() as NonNullable<typeof storage>;
		overwriteServerAsyncLocalStorage(storage);
	}
	const locale = extractLocaleFromRequest(event.request);
	return storage.run({ locale, origin: event.url.origin, messageCalls: new Set() }, () =>
		resolve(event)
	);
};

const authentication: Handle = async ({ event, resolve }) => {
	if (building) return resolve(event);
	const token = event.cookies.get(SESSION_COOKIE);
	const { SESSION_IDLE_DAYS, SESSION_ABSOLUTE_DAYS } = config();
	const session = token
		? await validateSessionCached(await db(), token, {
				idleDays: SESSION_IDLE_DAYS,
				absoluteDays: SESSION_ABSOLUTE_DAYS
			})
		: null;
	if (token && !session) event.cookies.delete(SESSION_COOKIE, { path: '/' });
	event.locals.session = session;
	event.locals.user = session?.user ?? null;
	return resolve(event);
};

const requestLog: Handle = async ({ event, resolve }) => {
	// Prerendering runs with production settings but none of its secrets: log nothing then.
	if (building) return resolve(event);
	const started = performance.now();
	const response = await resolve(event);
	requestDuration.observe(
		{ method: event.request.method, route: event.route.id ?? 'unmatched', status: response.status },
		(performance.now() - started) / 1000
	);
	logger().info(
		{
			method: event.request.method,
			path: event.url.pathname,
			route: event.route.id,
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

/** The applicant area's pages; their HTML is only an app shell, rendered in the browser. */
const APPLICANT_AREA = /^\/(dashboard|applicants|applications)(\/|$)/;

// Signed-out visitors go to the login page before the shell even loads. (Offline, the service
// worker answers instead and the shell checks the session kept on the device.)
const applicantArea: Handle = ({ event, resolve }) => {
	if (APPLICANT_AREA.test(event.url.pathname)) {
		const user = event.locals.user;
		if (!user) {
			redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		}
		if (user.role !== 'applicant') redirect(303, '/office');
	}
	return resolve(event);
};

/**
 * Personal answers (and page data, which carries them) must never be kept by a browser's or a
 * proxy's HTTP cache; the app keeps what it needs in IndexedDB.
 */
const noStoreForPersonalData: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!event.isDataRequest && !isPersonalApi(event.url.pathname)) return response;
	try {
		response.headers.set('cache-control', 'private, no-store');
		return response;
	} catch {
		// Some responses (e.g. fetched ones) have immutable headers: copy them.
		const copy = new Response(response.body, response);
		copy.headers.set('cache-control', 'private, no-store');
		return copy;
	}
};

const KIOSK_BOARD = /^\/kiosk\/([A-Za-z0-9-]{2,20})\/?$/;

/** A hall board page links its own manifest, so a kiosk browser installs the board itself. */
const kioskManifest: Handle = ({ event, resolve }) => {
	const code = KIOSK_BOARD.exec(event.url.pathname)?.[1];
	if (!code) return resolve(event);
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('/manifest.webmanifest"', `/kiosk/${code.toUpperCase()}/manifest.webmanifest"`)
	});
};

/** Probes and scrapers call these often: answered before sessions, locales or logging. */
const health: Handle = async ({ event, resolve }) => {
	if (event.request.method === 'GET' && !building) {
		if (event.url.pathname === '/metrics') return metricsResponse(event.request);
		const answer = await healthResponse(event.url.pathname);
		if (answer) return answer;
	}
	return resolve(event);
};

const TRPC = /^\/api\/trpc(\/|$)/;

const security: Handle = async ({ event, resolve }) => {
	const refusal = TRPC.test(event.url.pathname)
		? refuseUnsafeTrpcPost(event.request, event.url.origin)
		: null;
	const response = refusal ?? (await resolve(event));
	const headers = securityHeaders({
		pathname: event.url.pathname,
		// Prerendering has production settings but none of their secrets: config() would refuse.
		production: !building && config().NODE_ENV === 'production'
	});
	// Pages carry SvelteKit's own policy (kit.csp); everything else gets one that allows nothing.
	if (!response.headers.has('content-security-policy')) {
		headers['content-security-policy'] = FALLBACK_CSP;
	}
	return withHeaders(response, headers);
};

export const handle = sequence(
	security,
	health,
	requestLog,
	noStoreForPersonalData,
	i18n,
	kioskManifest,
	authentication,
	applicantArea
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) logger().error({ err: error, path: event.url.pathname }, 'unhandled error');
	return { message: status === 404 ? 'not_found' : 'unknown' };
};
