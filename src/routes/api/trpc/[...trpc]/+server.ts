import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from './$types';
import { logger } from '$lib/server/logger';
import { contextFromEvent } from '$lib/server/trpc/request-context';
import { appRouter } from '$lib/server/trpc/router';

const handler: RequestHandler = (event) =>
	fetchRequestHandler({
		endpoint: '/api/trpc',
		req: event.request,
		router: appRouter,
		createContext: () => contextFromEvent(event),
		onError({ error, path }) {
			if (error.code === 'INTERNAL_SERVER_ERROR') {
				logger().error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
			}
		}
	});

export const GET = handler;
export const POST = handler;
