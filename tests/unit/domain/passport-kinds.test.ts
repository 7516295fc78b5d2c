import { describe, expect, it } from 'vitest';
import { requestedKind } from '../../../src/lib/domain/passport-kinds';

describe('requestedKind', () => {
	it('reads the passport type and service from an application form', () => {
		expect(
			requestedKind({ service: 'reguler', passportType: 'elektronik', validityYears: 10 })
		).toEqual({
			passportType: 'elektronik',
			service: 'reguler'
		});
	});

	it('is null when either is missing or unknown', () => {
		expect(requestedKind({ service: 'reguler' })).toBeNull();
		expect(requestedKind({ service: 'kilat', passportType: 'biasa' })).toBeNull();
	});
});
