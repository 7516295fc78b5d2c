import { describe, expect, it } from 'vitest';
import {
	isDataError,
	sqlState,
	violatedConstraint
} from '../../../src/lib/server/booking/db-errors';

// drizzle wraps the driver's error: the PostgreSQL fields sit on its cause.
const wrapped = (fields: object) => Object.assign(new Error('query failed'), { cause: fields });

describe('PostgreSQL error fields', () => {
	it('reads the constraint and SQLSTATE through a wrapper', () => {
		const error = wrapped({ code: '23505', constraint_name: 'booking_attempts_pkey' });
		expect(violatedConstraint(error)).toBe('booking_attempts_pkey');
		expect(sqlState(error)).toBe('23505');
	});

	it('takes bad data and constraints as one job’s fault, not deadlocks or lost connections', () => {
		expect(isDataError(wrapped({ code: '22P02' }))).toBe(true);
		expect(isDataError(wrapped({ code: '23514' }))).toBe(true);
		expect(isDataError(wrapped({ code: '40P01' }))).toBe(false);
		// Node's own codes are no SQLSTATE.
		expect(sqlState(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBeUndefined();
		expect(sqlState(Object.assign(new Error('pipe'), { code: 'EPIPE' }))).toBeUndefined();
		expect(sqlState(wrapped({ code: 'P0001' }))).toBe('P0001');
		expect(isDataError(new Error('timeout'))).toBe(false);
	});
});
