import * as m from '$lib/paraglide/messages';

/** The label a form shows for each field, for places that list fields by name. */
const APPLICANT_FIELD_LABELS: Record<string, () => string> = {
	nik: m.field_nik,
	fullName: m.field_applicant_full_name,
	birthPlace: m.field_birth_place,
	birthDate: m.field_birth_date,
	sex: m.field_sex,
	maritalStatus: m.field_marital_status,
	occupation: m.field_occupation,
	provinceCode: m.field_province,
	regency: m.field_regency,
	district: m.field_district,
	address: m.field_address,
	phone: m.field_applicant_phone,
	email: m.field_applicant_email,
	motherName: m.field_mother_name,
	fatherName: m.field_father_name,
	isAccountHolder: m.field_is_account_holder
};

const APPLICATION_FIELD_LABELS: Record<string, () => string> = {
	service: m.wizard_field_service,
	applicationType: m.wizard_field_application_type,
	passportType: m.wizard_field_passport_type,
	validityYears: m.wizard_field_validity,
	hadPassportBefore: m.wizard_field_had_passport,
	oldPassportNumber: m.wizard_field_old_passport_number,
	travelPurpose: m.wizard_field_travel_purpose,
	destinationCountry: m.wizard_field_destination_country,
	destinationAddress: m.wizard_field_destination_address,
	stayDurationDays: m.wizard_field_stay_duration,
	relativeName: m.wizard_field_relative_name,
	relativePhone: m.wizard_field_relative_phone
};

export function applicantFieldLabel(field: string): string {
	return APPLICANT_FIELD_LABELS[field]?.() ?? field;
}

export function applicationFieldLabel(field: string): string {
	return APPLICATION_FIELD_LABELS[field]?.() ?? field;
}
