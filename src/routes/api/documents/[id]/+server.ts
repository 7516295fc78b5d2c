import type { RequestHandler } from './$types';
import { documentDownload } from '$lib/server/documents/download';

/** The bytes of a current document, to its owner only (a second device shows it from here). */
export const GET: RequestHandler = ({ params, locals }) =>
	documentDownload(params.id, locals.session);
