import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { todayInWib } from '../../src/lib/server/clock';
import { config } from '../../src/lib/server/config';
import { db } from '../../src/lib/server/db';
import type { Context } from '../../src/lib/server/trpc/context';
import { appRouter } from '../../src/lib/server/trpc/router';

/** What a browser receives: the JSON the error formatter shapes, over the fetch adapter. */
async function post(path: string, input: unknown) {
	const response = await fetchRequestHandler({
		endpoint: '/api/trpc',
		req: new Request(`http://localhost/api/trpc/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ json: input })
		}),
		router: appRouter,
		createContext: async (): Promise<Context> => ({
			db: await db(),
			config: config(),
			session: null,
			ip: '10.9.9.9',
			locale: 'id',
			today: todayInWib(),
			setSessionCookie: () => {},
			clearSessionCookie: () => {}
		})
	});
	return { status: response.status, body: (await response.json()) as { error: { json: unknown } } };
}

describe('/api/trpc error shape', () => {
	it('sends field message keys for invalid input, never zod internals', async () => {
		const { status, body } = await post('auth.login', { email: 'x', password: '' });
		expect(status).toBe(400);
		expect(body.error.json).toMatchObject({
			message: 'form_has_errors',
			data: {
				key: 'form_has_errors',
				fieldErrors: { email: ['email_invalid'], password: ['required'] }
			}
		});
	});

	it('sends the refusal key for an expected refusal', async () => {
		const { status, body } = await post('applicants.delete', { id: crypto.randomUUID() });
		expect(status).toBe(401);
		expect(body.error.json).toMatchObject({
			message: 'unauthorized',
			data: { key: 'unauthorized' }
		});
	});
});
