import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { SESSION_COOKIE, validateSessionCached } from '$lib/server/auth/sessions';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { logger } from '$lib/server/logger';
import { startServices, type Running } from '$lib/server/startup';

let running: Running | undefined;

export const init: ServerInit = async () => {
	running = await startServices({ workers: true });
	// adapter-node emits this once in-flight requests are done after SIGTERM/SIGINT.
	process.once('sveltekit:shutdown' as 'beforeExit', async () => {
		await running?.stop();
	});
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const authentication: Handle = async ({ event, resolve }) => {
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
	const started = performance.now();
	const response = await resolve(event);
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

export const handle = sequence(requestLog, i18n, authentication);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) logger().error({ err: error, path: event.url.pathname }, 'unhandled error');
	return { message: status === 404 ? 'not_found' : 'unknown' };
};
