import { CSP_DIRECTIVES } from './csp-directives.js';

/** Paths where office staff scan applicants' QR codes with the device camera. */
const CAMERA_PATHS = /^\/office\/checkin(\/|$)/;

/**
 * Headers every answer carries. Pages get their full Content-Security-Policy from SvelteKit
 * (kit.csp in svelte.config.js, with nonces or hashes); other answers get a policy that allows
 * nothing, which still forbids framing.
 */
export function securityHeaders(options: {
	pathname: string;
	production: boolean;
}): Record<string, string> {
	const headers: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'permissions-policy': [
			CAMERA_PATHS.test(options.pathname) ? 'camera=(self)' : 'camera=()',
			'microphone=()',
			'geolocation=()',
			'payment=()',
			'usb=()'
		].join(', ')
	};
	if (options.production) {
		headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	}
	return headers;
}

export const FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'";

const KEYWORD =
	/^(self|none|unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|wasm-unsafe-eval|report-sample)$/;

/**
 * The app's policy without nonces or hashes: what our scripts that run as workers (the service
 * worker, the image compression worker) live under. A worker's policy is the one its script
 * was served with, so the allow-nothing policy would stop the service worker's fetches.
 */
export const WORKER_CSP = Object.entries(CSP_DIRECTIVES)
	.map(([name, values]) =>
		[
			name,
			...(values as string[]).map((value) => (KEYWORD.test(value) ? `'${value}'` : value))
		].join(' ')
	)
	.join('; ');

/**
 * Prerendered pages carry SvelteKit's policy with its script hashes in a <meta> tag, which
 * cannot say frame-ancestors; a second policy in a header would be enforced too, so the header
 * adds only that.
 */
export const PRERENDERED_PAGE_CSP = "frame-ancestors 'none'";

/** The policy a static file is served with, from its name. */
function staticFileCsp(pathname: string): string {
	const name = pathname.slice(pathname.lastIndexOf('/') + 1);
	const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
	if (extension === 'js' || extension === 'mjs') return WORKER_CSP;
	// Prerendered pages are served by path (/app-shell), or by their file name.
	if (extension === '' || extension === 'html') return PRERENDERED_PAGE_CSP;
	return FALLBACK_CSP;
}

/**
 * Headers the production server (server/entry.ts) starts every response with, before its
 * static file server or SvelteKit answers: files it serves straight from the build never reach
 * hooks. SvelteKit's answers replace them with their own (hooks: `security`).
 */
export function staticFileHeaders(options: {
	pathname: string;
	production: boolean;
}): Record<string, string> {
	return {
		...securityHeaders(options),
		'content-security-policy': staticFileCsp(options.pathname)
	};
}

/** Sets headers on a response, copying it first when its headers are immutable (fetched ones). */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
	try {
		for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
		return copy;
	}
}

/**
 * tRPC mutations arrive as JSON POSTs, which SvelteKit's CSRF check (form content types only)
 * lets through from any site. Refuses other content types (415) and cross-site origins (403).
 * Requests without an Origin header (not from a browser) are judged by content type alone.
 */
export function refuseUnsafeTrpcPost(request: Request, ownOrigin: string): Response | null {
	if (request.method !== 'POST') return null;
	const origin = request.headers.get('origin');
	const fetchSite = request.headers.get('sec-fetch-site');
	if ((origin && origin !== ownOrigin) || fetchSite === 'cross-site') {
		return Response.json({ error: 'cross_site_request' }, { status: 403 });
	}
	const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
	if (contentType !== 'application/json') {
		return Response.json({ error: 'unsupported_media_type' }, { status: 415 });
	}
	return null;
}
