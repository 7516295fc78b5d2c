import type { ValidSession } from '../auth/sessions';
import { db } from '../db';
import { logger } from '../logger';
import { findOwnedDocument } from './records';
import { documentStorage } from './storage-from-config';

function refusal(status: number, key: string): Response {
	return new Response(JSON.stringify({ key }), {
		status,
		headers: { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store' }
	});
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Streams a current document to its owner. Another account's document, a replaced one and an
 * unknown id all read as "not found". Identity documents never go into any shared cache.
 */
export async function documentDownload(
	id: string,
	session: ValidSession | null
): Promise<Response> {
	if (!session) return refusal(401, 'unauthorized');
	if (!UUID.test(id)) return refusal(404, 'document_not_found');
	const row = await findOwnedDocument(await db(), session.user.id, id.toLowerCase());
	if (!row || row.replacedAt) return refusal(404, 'document_not_found');
	const body = await documentStorage().get(row.storageKey);
	if (!body) {
		logger().error({ documentId: row.id }, 'document row without its file');
		return refusal(404, 'document_not_found');
	}
	const extension = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }[
		row.mimeType
	];
	return new Response(body, {
		headers: {
			'Content-Type': row.mimeType,
			'Content-Length': String(row.sizeBytes),
			'Content-Disposition': `inline; filename="${row.docType}.${extension ?? 'bin'}"`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
}
