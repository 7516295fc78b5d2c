import { ageInYears } from './dates';

export type MaritalStatus = 'single' | 'married' | 'divorced' | 'widowed';

export const MARITAL_STATUSES: readonly MaritalStatus[] = [
	'single',
	'married',
	'divorced',
	'widowed'
];

export type ApplicantCategory = 'anak' | 'dewasa';

export const ADULT_AGE = 17;

// Indonesian civil law counts anyone who is 17 or has ever married ("sudah/pernah kawin")
// as an adult, so a divorce or death of a spouse does not make a minor a child again.
export function applicantCategory(
	person: { birthDate: string; maritalStatus: MaritalStatus },
	today: string
): ApplicantCategory {
	if (person.maritalStatus !== 'single') return 'dewasa';
	return ageInYears(person.birthDate, today) < ADULT_AGE ? 'anak' : 'dewasa';
}
