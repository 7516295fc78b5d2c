import { describe, expect, it } from 'vitest';
import {
	backoffDelayMs,
	classifyUploadFailure,
	isQuotaExceeded
} from '../../../src/lib/client/uploads';

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

describe('backoffDelayMs', () => {
	it('doubles from 5 s up to 5 minutes, with jitter around it', () => {
		const middle = () => 0.5;
		expect([1, 2, 3, 4, 10].map((attempt) => backoffDelayMs(attempt, middle))).toEqual([
			5_000, 10_000, 20_000, 40_000, 300_000
		]);
		expect(backoffDelayMs(1, () => 0)).toBe(3_750);
		expect(backoffDelayMs(1, () => 1)).toBe(6_250);
	});
});

describe('isQuotaExceeded', () => {
	it('finds a full disk however Dexie wraps it', () => {
		const quota = new DOMException('full', 'QuotaExceededError');
		expect(isQuotaExceeded(quota)).toBe(true);
		expect(isQuotaExceeded({ name: 'AbortError', inner: quota })).toBe(true);
		expect(isQuotaExceeded(new Error('other', { cause: quota }))).toBe(true);
		expect(isQuotaExceeded(new Error('other'))).toBe(false);
	});
});
