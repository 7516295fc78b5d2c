import { describe, expect, it } from 'vitest';
import {
	applicationNumberSchema,
	isApplicationNumber,
	nextSeries,
	normaliseApplicationNumber,
	queueLabel
} from '../../../src/lib/domain/office-floor';

describe('office floor rules', () => {
	it('label queue numbers with their series and three digits', () => {
		expect(queueLabel('A', 17)).toBe('A-017');
		expect(queueLabel('P', 3)).toBe('P-003');
		expect(queueLabel('A', 1234)).toBe('A-1234');
	});

	it('accept typed application numbers with spaces, lower case or missing dashes', () => {
		expect(normaliseApplicationNumber(' lnc 261125 ab12cd ')).toBe('LNC-261125-AB12CD');
		expect(normaliseApplicationNumber('LNC261125AB12CD')).toBe('LNC-261125-AB12CD');
		expect(isApplicationNumber('LNC-261125-AB12CD')).toBe(true);
		expect(isApplicationNumber('LNC-2611-AB12CD')).toBe(false);
		expect(applicationNumberSchema.safeParse('nomor salah').success).toBe(false);
	});

	it('call priority first, but a booked number after every two priority calls', () => {
		expect(nextSeries({ A: true, P: true }, 0)).toBe('P');
		expect(nextSeries({ A: true, P: true }, 1)).toBe('P');
		expect(nextSeries({ A: true, P: true }, 2)).toBe('A');
		expect(nextSeries({ A: false, P: true }, 5)).toBe('P');
		expect(nextSeries({ A: true, P: false }, 0)).toBe('A');
		expect(nextSeries({ A: false, P: false }, 0)).toBeNull();
	});
});
