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
