import { applicantCategory, type MaritalStatus } from './applicant-category';
import {
	APPLICATION_FORM_FIELDS,
	applicationDraftSchema,
	isHandledAtOffice,
	submitApplicationSchema,
	type ApplicationForm,
	type ApplicationFormField
} from './application-form';
import {
	missingDocuments,
	requiredDocuments,
	type DocumentRequirement,
	type DocumentType
} from './documents';
import { passportFee } from './fees';

export type ApplicationProgress = {
	/** Fields that still need an answer or a correction, in wizard order. */
	missingFields: ApplicationFormField[];
	/** The first message key per field in missingFields, for the "still missing" list. */
	fieldErrors: Partial<Record<ApplicationFormField, string>>;
	/** Problems with the form as a whole (a field this version does not know). */
	formErrors: string[];
	/** The full checklist for this applicant and these answers. */
	requiredDocuments: DocumentRequirement[];
	missingDocuments: DocumentRequirement[];
	/** Lost or damaged: the office handles it, nothing more can be done here. */
	stoppedAtOffice: boolean;
	/** Exactly when the server would accept the submission. */
	complete: boolean;
	/** What the choices so far cost today; null until service, type and validity are chosen. */
	fee: ReturnType<typeof passportFee>;
};

function isApplicationFormField(key: PropertyKey | undefined): key is ApplicationFormField {
	return (APPLICATION_FORM_FIELDS as readonly PropertyKey[]).includes(key as PropertyKey);
}

/** The fields that are filled in and valid on their own; one bad field hides only itself. */
function wellFormedFields(form: Readonly<Record<string, unknown>>): ApplicationForm {
	const fields: Record<string, unknown> = {};
	for (const field of APPLICATION_FORM_FIELDS) {
		const parsed = applicationDraftSchema.shape[field].safeParse(form[field]);
		if (parsed.success && parsed.data != null) fields[field] = parsed.data;
	}
	return fields as ApplicationForm;
}

/**
 * What the wizard shows as still to do. It asks the submit schema rather than repeating its
 * rules, so "complete" here and acceptance on the server cannot drift apart.
 */
export function applicationProgress(input: {
	form: Readonly<Record<string, unknown>>;
	person: { birthDate: string; maritalStatus: MaritalStatus };
	documentTypes: readonly DocumentType[];
	today: string;
}): ApplicationProgress {
	const { person, today } = input;
	const checked = submitApplicationSchema(person, today).safeParse(input.form);

	const fieldErrors: Partial<Record<ApplicationFormField, string>> = {};
	const formErrors: string[] = [];
	for (const issue of checked.success ? [] : checked.error.issues) {
		const field = issue.path[0];
		if (isApplicationFormField(field)) fieldErrors[field] ??= issue.message;
		else if (!formErrors.includes(issue.message)) formErrors.push(issue.message);
	}
	const missingFields = APPLICATION_FORM_FIELDS.filter((field) => field in fieldErrors);

	const wellFormed = wellFormedFields(input.form);
	const stoppedAtOffice = isHandledAtOffice(wellFormed.applicationType);

	const requirements = requiredDocuments({
		category: applicantCategory(person, today),
		applicationType: wellFormed.applicationType,
		hadPassportBefore: wellFormed.hadPassportBefore,
		travelPurpose: wellFormed.travelPurpose
	});
	const missing = missingDocuments(requirements, input.documentTypes);

	const { service, passportType, validityYears } = wellFormed;
	// Lost and damaged books carry extra charges settled at the office; a price here would mislead.
	const fee =
		service && passportType && validityYears && !stoppedAtOffice
			? passportFee({ service, passportType, validityYears }, today)
			: null;

	return {
		missingFields,
		fieldErrors,
		formErrors,
		requiredDocuments: requirements,
		missingDocuments: missing,
		stoppedAtOffice,
		complete: checked.success && missing.length === 0,
		fee
	};
}
