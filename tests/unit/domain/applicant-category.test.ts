import { describe, it, expect } from 'vitest';
import {
	ADULT_AGE,
	MARITAL_STATUSES,
	applicantCategory
} from '../../../src/lib/domain/applicant-category';

const TODAY = '2025-06-15';

describe('applicantCategory', () => {
	it('uses 17 as the adult age', () => {
		expect(ADULT_AGE).toBe(17);
	});

	it('lists every marital status', () => {
		expect(MARITAL_STATUSES).toEqual(['single', 'married', 'divorced', 'widowed']);
	});

	it('treats a single 16-year-old one day before turning 17 as anak', () => {
		expect(applicantCategory({ birthDate: '2008-06-16', maritalStatus: 'single' }, TODAY)).toBe(
			'anak'
		);
	});

	it('treats a single person turning 17 today as dewasa', () => {
		expect(applicantCategory({ birthDate: '2008-06-15', maritalStatus: 'single' }, TODAY)).toBe(
			'dewasa'
		);
	});

	it('treats a single adult as dewasa', () => {
		expect(applicantCategory({ birthDate: '1990-05-17', maritalStatus: 'single' }, TODAY)).toBe(
			'dewasa'
		);
	});

	it('treats a young child as anak', () => {
		expect(applicantCategory({ birthDate: '2020-01-01', maritalStatus: 'single' }, TODAY)).toBe(
			'anak'
		);
	});

	it('treats a married 15-year-old as dewasa', () => {
		expect(applicantCategory({ birthDate: '2010-03-01', maritalStatus: 'married' }, TODAY)).toBe(
			'dewasa'
		);
	});

	it('treats a divorced 10-year-old as dewasa', () => {
		expect(applicantCategory({ birthDate: '2015-01-20', maritalStatus: 'divorced' }, TODAY)).toBe(
			'dewasa'
		);
	});

	it('treats a widowed 16-year-old as dewasa', () => {
		expect(applicantCategory({ birthDate: '2009-01-01', maritalStatus: 'widowed' }, TODAY)).toBe(
			'dewasa'
		);
	});

	it('lets a leap-day child become dewasa on 1 Mar of a common year', () => {
		const person = { birthDate: '2008-02-29', maritalStatus: 'single' } as const;
		expect(applicantCategory(person, '2025-02-28')).toBe('anak');
		expect(applicantCategory(person, '2025-03-01')).toBe('dewasa');
	});
});
