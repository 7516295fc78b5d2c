import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { publishedJwks, signingKey } from '$lib/server/receipts/keys';
import type { RequestHandler } from './$types';

/**
 * The public keys receipts are signed with, old ones included, so office devices can verify a
 * QR with no connection. Public and the same for everyone: caches may keep it for a while.
 */
export const GET: RequestHandler = async () => {
	const database = await db();
	// A fresh deployment publishes its first key before any receipt needs it.
	await signingKey(database);
	return json(await publishedJwks(database), {
		headers: { 'cache-control': 'public, max-age=300' }
	});
};
