import type { RequestEvent } from '@sveltejs/kit';
import { getLocale } from '../../paraglide/runtime';
import { SESSION_COOKIE } from '../auth/sessions';
import { todayInWib } from '../clock';
import { config } from '../config';
import { db } from '../db';
import type { Context } from './context';
import { createCaller } from './router';

export async function contextFromEvent(event: RequestEvent): Promise<Context> {
	return {
		db: await db(),
		config: config(),
		session: event.locals.session,
		ip: event.getClientAddress(),
		locale: getLocale(),
		today: todayInWib(),
		setSessionCookie(token, expiresAt) {
			event.cookies.set(SESSION_COOKIE, token, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				expires: expiresAt
			});
		},
		clearSessionCookie() {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	};
}

/** Calls procedures from page loads with the same checks as /api/trpc. */
export async function serverCaller(event: RequestEvent) {
	return createCaller(await contextFromEvent(event));
}
