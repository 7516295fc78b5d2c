import { describe, expect, it } from 'vitest';
import {
	FALLBACK_CSP,
	PRERENDERED_PAGE_CSP,
	refuseUnsafeTrpcPost,
	securityHeaders,
	staticFileHeaders,
	WORKER_CSP
} from '../../src/lib/server/ops/security-headers';

const ORIGIN = 'https://lancar.example.id';

function trpcPost(headers: Record<string, string>) {
	return new Request(`${ORIGIN}/api/trpc/auth.login`, { method: 'POST', headers, body: '{}' });
}

describe('securityHeaders', () => {
	it('sets nosniff, the referrer policy and no camera outside the check-in scanner', () => {
		const headers = securityHeaders({ pathname: '/dashboard', production: false });
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
		expect(headers['permissions-policy']).toContain('camera=()');
		expect(headers['strict-transport-security']).toBeUndefined();
	});

	it('allows the camera on /office/checkin only, and sends HSTS in production', () => {
		const headers = securityHeaders({ pathname: '/office/checkin', production: true });
		expect(headers['permissions-policy']).toContain('camera=(self)');
		expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
		expect(
			securityHeaders({ pathname: '/office/checkins', production: true })['permissions-policy']
		).toContain('camera=()');
	});
});

describe('staticFileHeaders', () => {
	const csp = (pathname: string) =>
		staticFileHeaders({ pathname, production: false })['content-security-policy'];

	it('chooses the policy by the kind of file', () => {
		expect(csp('/service-worker.js')).toBe(WORKER_CSP);
		expect(csp('/_app/immutable/workers/compress-abc123.js')).toBe(WORKER_CSP);
		expect(csp('/app-shell')).toBe(PRERENDERED_PAGE_CSP);
		expect(csp('/app-shell.html')).toBe(PRERENDERED_PAGE_CSP);
		expect(csp('/manifest.webmanifest')).toBe(FALLBACK_CSP);
		expect(csp('/_app/immutable/assets/0.abc.css')).toBe(FALLBACK_CSP);
	});

	it("writes the app's directives with keywords quoted, and forbids framing everywhere", () => {
		expect(WORKER_CSP).toContain("default-src 'self'");
		expect(WORKER_CSP).toContain("connect-src 'self'");
		expect(WORKER_CSP).toContain("img-src 'self' data: blob:");
		for (const policy of [WORKER_CSP, PRERENDERED_PAGE_CSP, FALLBACK_CSP]) {
			expect(policy).toContain("frame-ancestors 'none'");
		}
	});

	it('carries the same other headers as hooks give, HSTS in production', () => {
		const headers = staticFileHeaders({ pathname: '/favicon.svg', production: true });
		const { 'content-security-policy': _csp, ...rest } = headers;
		expect(rest).toEqual(securityHeaders({ pathname: '/favicon.svg', production: true }));
		expect(rest['strict-transport-security']).toMatch(/^max-age=\d+/);
	});
});

describe('refuseUnsafeTrpcPost', () => {
	it('lets same-origin JSON through, and JSON from clients without an Origin', () => {
		expect(
			refuseUnsafeTrpcPost(trpcPost({ 'content-type': 'application/json', origin: ORIGIN }), ORIGIN)
		).toBeNull();
		expect(
			refuseUnsafeTrpcPost(trpcPost({ 'content-type': 'application/json; charset=utf-8' }), ORIGIN)
		).toBeNull();
	});

	it('refuses other content types with 415', () => {
		for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
			const refusal = refuseUnsafeTrpcPost(
				trpcPost({ 'content-type': type, origin: ORIGIN }),
				ORIGIN
			);
			expect(refusal?.status).toBe(415);
		}
	});

	it('refuses a cross-site origin with 403', () => {
		const refusal = refuseUnsafeTrpcPost(
			trpcPost({ 'content-type': 'application/json', origin: 'https://evil.example' }),
			ORIGIN
		);
		expect(refusal?.status).toBe(403);
		const bySecFetch = refuseUnsafeTrpcPost(
			trpcPost({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }),
			ORIGIN
		);
		expect(bySecFetch?.status).toBe(403);
	});
});
