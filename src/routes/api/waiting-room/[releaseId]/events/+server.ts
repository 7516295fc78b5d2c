import { z } from 'zod';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { untilShutdown } from '$lib/server/ops/event-streams';
import { AppError } from '$lib/server/errors';
import { liveRoomStream } from '$lib/server/waiting-room/live';
import { requireRelease } from '$lib/server/waiting-room/service';

const releaseId = z.uuid();

/** Live waiting-room status as server-sent events; the tRPC status query is the fallback. */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.user) return new Response('unauthorized', { status: 401 });
	if (locals.user.role !== 'applicant') return new Response('forbidden', { status: 403 });
	if (!releaseId.safeParse(params.releaseId).success) {
		return new Response('not found', { status: 404 });
	}
	const database = await db();
	try {
		await requireRelease(database, params.releaseId);
	} catch (error) {
		if (error instanceof AppError) return new Response('not found', { status: 404 });
		throw error;
	}
	const stream = liveRoomStream(database, locals.user.id, params.releaseId, request.signal);
	return new Response(untilShutdown(stream), {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			connection: 'keep-alive',
			// Proxies such as nginx would otherwise hold events back in a buffer.
			'x-accel-buffering': 'no'
		}
	});
};
