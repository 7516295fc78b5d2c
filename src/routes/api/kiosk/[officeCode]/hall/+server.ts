import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { cachedHallInfo } from '$lib/server/office-floor/hall';
import { kioskOffice } from '$lib/server/office-floor/kiosk-office';

/** The online quota's state and the coming days' free seats, for the hall board (no personal data). */
export const GET: RequestHandler = async ({ params }) => {
	const database = await db();
	const office = await kioskOffice(database, params.officeCode.toUpperCase());
	if (!office) return new Response('not found', { status: 404 });
	return json(await cachedHallInfo(database, office), {
		headers: { 'cache-control': 'public, max-age=10' }
	});
};
