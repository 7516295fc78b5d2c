import { describe, expect, it } from 'vitest';
import { mergeFields, sameValue } from '../../../src/lib/domain/field-merge';

const record = {
	current: { service: 'reguler', passportType: 'biasa', travelPurpose: null },
	fieldVersions: { service: 1, passportType: 3 },
	version: 3
};

describe('mergeFields', () => {
	it('applies fields nobody else changed since the base version', () => {
		const result = mergeFields({ ...record, baseVersion: 3, patch: { service: 'percepatan' } });
		expect(result).toMatchObject({
			next: { service: 'percepatan', passportType: 'biasa' },
			nextFieldVersions: { service: 4, passportType: 3 },
			nextVersion: 4,
			applied: ['service'],
			conflicts: []
		});
	});

	it('reports a field changed elsewhere after the base as a conflict and applies the others', () => {
		const result = mergeFields({
			...record,
			baseVersion: 2,
			patch: { passportType: 'elektronik', travelPurpose: 'wisata' }
		});
		expect(result.conflicts).toEqual([{ field: 'passportType', theirs: 'biasa' }]);
		expect(result.applied).toEqual(['travelPurpose']);
		expect(result.next).toMatchObject({ passportType: 'biasa', travelPurpose: 'wisata' });
	});

	it('sees no conflict when both sides arrived at the same value', () => {
		const result = mergeFields({ ...record, baseVersion: 1, patch: { passportType: 'biasa' } });
		expect(result).toMatchObject({ applied: [], conflicts: [], nextVersion: 3 });
	});

	it('keeps the version when nothing changes', () => {
		const result = mergeFields({ ...record, baseVersion: 3, patch: { travelPurpose: '' } });
		expect(result.nextVersion).toBe(3);
		expect(result.next).toBe(record.current);
	});
});

describe('sameValue', () => {
	it('treats empty, null and missing alike and compares structure', () => {
		expect(sameValue(null, '')).toBe(true);
		expect(sameValue(undefined, null)).toBe(true);
		expect(sameValue(0, null)).toBe(false);
		expect(sameValue({ a: 1 }, { a: 1 })).toBe(true);
		expect(sameValue(5, '5')).toBe(false);
	});
});
