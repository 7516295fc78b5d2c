import type { ApplicantFormValues } from '$lib/components/ApplicantForm.svelte';

export const EMPTY_APPLICANT: ApplicantFormValues = {
	nik: '',
	fullName: '',
	birthPlace: '',
	birthDate: '',
	sex: '',
	maritalStatus: '',
	occupation: '',
	provinceCode: '',
	regency: '',
	district: '',
	address: '',
	phone: '',
	email: '',
	motherName: '',
	fatherName: '',
	isAccountHolder: false
};

export function formValuesOf(
	applicant: Omit<ApplicantFormValues, 'email'> & { email: string | null }
) {
	const values: ApplicantFormValues = { ...EMPTY_APPLICANT };
	for (const key of Object.keys(EMPTY_APPLICANT) as (keyof ApplicantFormValues)[]) {
		(values as unknown as Record<string, unknown>)[key] = applicant[key] ?? EMPTY_APPLICANT[key];
	}
	return values;
}
