import { describe, expect, it } from 'vitest';
import { classifyUploadFailure } from '../../../src/lib/client/uploads';

function httpError(status: number, body = '') {
	return { originalResponse: { getStatus: () => status, getBody: () => body } };
}

describe('classifyUploadFailure', () => {
	it('makes a refused file final, with the server key and its details', () => {
		expect(
			classifyUploadFailure(
				httpError(
					422,
					JSON.stringify({ key: 'document_too_many_pixels', details: { maxMegapixels: 40 } })
				)
			)
		).toEqual({
			permanent: true,
			key: 'document_too_many_pixels',
			details: { maxMegapixels: 40 },
			forgetUrl: true
		});
		expect(classifyUploadFailure(httpError(413, '{"key":"document_too_large"}')).permanent).toBe(
			true
		);
	});

	it('retries what time can fix: no connection, server trouble, expired sessions', () => {
		expect(classifyUploadFailure(new Error('network down'))).toMatchObject({
			permanent: false,
			key: 'network'
		});
		expect(classifyUploadFailure(httpError(503, 'busy'))).toMatchObject({
			permanent: false,
			key: 'unknown'
		});
		expect(classifyUploadFailure(httpError(401, '{"key":"unauthorized"}'))).toMatchObject({
			permanent: false,
			key: 'unauthorized'
		});
		expect(
			classifyUploadFailure(httpError(404, '{"key":"document_application_not_found"}'))
		).toMatchObject({ permanent: false, forgetUrl: true });
	});

	it('forgets an upload URL the server no longer knows', () => {
		expect(classifyUploadFailure(httpError(410, 'gone\n'))).toMatchObject({
			permanent: false,
			forgetUrl: true
		});
	});
});
