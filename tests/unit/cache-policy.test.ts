import { describe, expect, it } from 'vitest';
import { isPersonalApi, isPublicData, navigationHandling } from '../../src/lib/cache-policy';

describe('navigationHandling', () => {
	it('answers the client-rendered applicant area with the app shell', () => {
		for (const path of [
			'/dashboard',
			'/applicants/new',
			'/applicants/0b8e6f0e-3a64-4d8e-9d43-3f0c2b1f7a11',
			'/applications/42/documents'
		]) {
			expect(navigationHandling(path), path).toBe('shell');
		}
	});

	it('asks the server first for every other page', () => {
		for (const path of [
			'/',
			'/login',
			'/register',
			'/verify',
			'/office',
			'/kiosk',
			'/kiosk/JKS/manifest.webmanifest'
		]) {
			expect(navigationHandling(path), path).toBe('network-first');
		}
	});

	it('asks the server first for a hall board, then the copy kept on the kiosk', () => {
		for (const path of ['/kiosk/JKS', '/kiosk/jakarta-selatan', '/kiosk/JKS/']) {
			expect(navigationHandling(path), path).toBe('kiosk');
		}
	});

	it('matches whole path segments, not prefixes of words', () => {
		expect(navigationHandling('/dashboards')).toBe('network-first');
		expect(navigationHandling('/applicants-guide')).toBe('network-first');
	});

	it('leaves API URLs opened as pages to the network', () => {
		expect(navigationHandling('/api/documents/7/file')).toBe('network-only');
		expect(navigationHandling('/api')).toBe('network-only');
	});
});

describe('isPersonalApi', () => {
	it('covers the session, tRPC, uploads, documents, letters and payments', () => {
		for (const path of [
			'/api/trpc/applicants.list',
			'/api/trpc',
			'/api/session',
			'/api/uploads/abc',
			'/api/documents/7',
			'/api/bookings/0b8e6f0e-3a64-4d8e-9d43-3f0c2b1f7a11/letter',
			'/api/payments/webhook'
		]) {
			expect(isPersonalApi(path), path).toBe(true);
		}
	});

	it('does not cover public data or look-alike paths', () => {
		expect(isPersonalApi('/api/public/offices')).toBe(false);
		expect(isPersonalApi('/api/trpcx')).toBe(false);
		expect(isPersonalApi('/dashboard')).toBe(false);
	});
});

describe('isPublicData', () => {
	it('covers only /api/public', () => {
		expect(isPublicData('/api/public/offices')).toBe(true);
		expect(isPublicData('/api/public/fees?date=2025-01-01')).toBe(true);
		expect(isPublicData('/api/publications')).toBe(false);
		expect(isPublicData('/api/trpc/fees')).toBe(false);
	});
});
