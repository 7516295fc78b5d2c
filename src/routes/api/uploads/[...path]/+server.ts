import type { RequestHandler } from './$types';
import { handleUploadRequest } from '$lib/server/documents/uploads';

// tus 1.0 (resumable uploads). Chunks stay under adapter-node's BODY_SIZE_LIMIT: see
// UPLOAD_CHUNK_BYTES in $lib/domain/document-uploads.
const handler: RequestHandler = ({ request, locals }) =>
	handleUploadRequest(request, locals.session);

export const POST = handler;
export const HEAD = handler;
export const PATCH = handler;
export const DELETE = handler;
export const OPTIONS = handler;
