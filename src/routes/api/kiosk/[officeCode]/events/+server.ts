import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { untilShutdown } from '$lib/server/ops/event-streams';
import { kioskOffice } from '$lib/server/office-floor/kiosk-office';
import { kioskStream } from '$lib/server/office-floor/live';

/**
 * A kiosk board's live feed (numbers only, so no sign-in). A reconnecting board says where it
 * stopped with Last-Event-ID, or `?lastEventId=` when it opened a new EventSource itself.
 */
export const GET: RequestHandler = async ({ params, request, url }) => {
	const database = await db();
	const office = await kioskOffice(database, params.officeCode.toUpperCase());
	if (!office) return new Response('not found', { status: 404 });
	const lastEventId =
		request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId') ?? null;
	const stream = kioskStream(database, office, lastEventId, request.signal);
	return new Response(untilShutdown(stream), {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			connection: 'keep-alive',
			'x-accel-buffering': 'no'
		}
	});
};
