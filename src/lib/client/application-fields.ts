import {
	APPLICATION_FORM_FIELDS,
	applicationDraftSchema,
	type ApplicationFormField
} from '../domain/application-form';

/**
 * Form controls hold text; the application holds numbers and yes/no answers. These turn one
 * into the other, so an input shows exactly what is stored and stores exactly what it shows.
 */
export type FormText = Record<ApplicationFormField, string>;

const NUMBER_FIELDS: ReadonlySet<ApplicationFormField> = new Set([
	'validityYears',
	'stayDurationDays'
]);

export function toText(form: Readonly<Record<string, unknown>>): FormText {
	const text = {} as FormText;
	for (const field of APPLICATION_FORM_FIELDS) text[field] = fieldText(form[field]);
	return text;
}

export function fieldText(value: unknown): string {
	if (value === true) return 'yes';
	if (value === false) return 'no';
	if (value === null || value === undefined) return '';
	return String(value);
}

/** The stored value for what a control holds; text that is not a number stays text. */
export function fromText(field: ApplicationFormField, text: string): unknown {
	if (field === 'hadPassportBefore') return text === 'yes' ? true : text === 'no' ? false : null;
	if (text.trim() === '') return null;
	if (NUMBER_FIELDS.has(field) && /^\d+$/.test(text.trim())) return Number(text.trim());
	return text;
}

/** The message keys a filled field breaks on its own; empty when it is fine or still empty. */
export function fieldProblems(field: ApplicationFormField, value: unknown): string[] {
	const result = applicationDraftSchema.shape[field].safeParse(value);
	return result.success ? [] : [...new Set(result.error.issues.map((issue) => issue.message))];
}
