import { describe, expect, it } from 'vitest';
import { refuseUnsafeTrpcPost, securityHeaders } from '../../src/lib/server/ops/security-headers';

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
