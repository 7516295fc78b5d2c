import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequest, setResponse } from '@sveltejs/kit/node';
import { SESSION_COOKIE, validateSession } from '../../src/lib/server/auth/sessions';
import { config } from '../../src/lib/server/config';
import { db } from '../../src/lib/server/db';
import { documentDownload } from '../../src/lib/server/documents/download';
import { handleUploadRequest } from '../../src/lib/server/documents/uploads';

/** adapter-node's default BODY_SIZE_LIMIT, which production requests meet too. */
const BODY_SIZE_LIMIT = 512 * 1024;

async function sessionFrom(cookieHeader: string | null) {
	const token = cookieHeader
		?.split(';')
		.map((part) => part.trim().split('='))
		.find(([name]) => name === SESSION_COOKIE)?.[1];
	if (!token) return null;
	const { SESSION_IDLE_DAYS, SESSION_ABSOLUTE_DAYS } = config();
	return validateSession(await db(), token, {
		idleDays: SESSION_IDLE_DAYS,
		absoluteDays: SESSION_ABSOLUTE_DAYS
	});
}

export interface UploadServer {
	origin: string;
	close(): Promise<void>;
}

/**
 * A real HTTP server around the upload and download handlers, converting requests exactly as
 * adapter-node does (SvelteKit's getRequest/setResponse, same body size limit), with the
 * session taken from the cookie as hooks.server.ts does.
 */
export async function startUploadServer(): Promise<UploadServer> {
	let origin = '';
	const server: Server = createServer(async (req, res) => {
		try {
			const request = await getRequest({
				request: req,
				base: origin,
				bodySizeLimit: BODY_SIZE_LIMIT
			});
			const session = await sessionFrom(request.headers.get('cookie'));
			const { pathname } = new URL(request.url);
			const download = pathname.match(/^\/api\/documents\/([^/]+)$/);
			const response = pathname.startsWith('/api/uploads')
				? await handleUploadRequest(request, session)
				: download && request.method === 'GET'
					? await documentDownload(download[1]!, session)
					: new Response('not found', { status: 404 });
			await setResponse(res, response);
		} catch (error) {
			if (!res.headersSent) res.writeHead(500);
			res.end(String(error));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		origin,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
