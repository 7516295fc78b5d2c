import { z } from 'zod';
import { personNameSchema, phoneSchema } from './account';
import { applicantCategory, type MaritalStatus } from './applicant-category';
import { isCountryCode } from './countries';
import { passportFee } from './fees';
import {
	PASSPORT_SERVICES,
	PASSPORT_TYPES,
	type PassportService,
	type PassportType
} from './passport-kinds';

export { COUNTRIES, POPULAR_DESTINATIONS, countryName, isCountryCode } from './countries';
export type { Country } from './countries';

/**
 * The passport application as M-Paspor asks it. Validation messages are message keys (each
 * has an `err_` message), so browser and server refuse with the same words.
 */

/** `percepatan` is the same-day service ("layanan percepatan paspor selesai pada hari yang sama"). */
export const SERVICES = PASSPORT_SERVICES;
export type Service = PassportService;

/** New; replacement of an expired or full passport; replacement of a lost or damaged one. */
export const APPLICATION_TYPES = [
	'baru',
	'penggantian_habis',
	'penggantian_penuh',
	'hilang',
	'rusak'
] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

/** Replacements that continue an existing passport and need it (or its number) at hand. */
export const RENEWAL_TYPES: readonly ApplicationType[] = ['penggantian_habis', 'penggantian_penuh'];

export { PASSPORT_TYPES, type PassportType };

export const VALIDITY_YEARS = [5, 10] as const;
export type ValidityYears = (typeof VALIDITY_YEARS)[number];

/** The purposes M-Paspor offers; `bekerja` also asks for a Disnaker recommendation (documents.ts). */
export const TRAVEL_PURPOSES = [
	'wisata',
	'ibadah_umrah',
	'ibadah_haji',
	'ziarah',
	'kunjungan_keluarga',
	'bisnis',
	'belajar',
	'bekerja',
	'berobat',
	'lainnya'
] as const;
export type TravelPurpose = (typeof TRAVEL_PURPOSES)[number];

/**
 * Which passport types each service can issue. Percepatan is a surcharge on any ordinary
 * passport under PP 28/2019 and PP 45/2024 alike (the regulations name no exclusion, and
 * offices announced same-day polycarbonate passports at the usual Rp1,000,000). Whether a
 * given office can print one the same day is the office's matter, not the form's; the table
 * exists so a future restriction is one line, and submitApplicationSchema already checks it.
 */
export const PASSPORT_TYPES_BY_SERVICE: Readonly<Record<Service, readonly PassportType[]>> = {
	reguler: PASSPORT_TYPES,
	percepatan: PASSPORT_TYPES
};

/**
 * A draft as stored and synced: any field may be missing (`undefined`) or cleared (`null`).
 * The draft schema's output is assignable to it.
 */
export type ApplicationForm = {
	service?: Service | null;
	applicationType?: ApplicationType | null;
	passportType?: PassportType | null;
	validityYears?: ValidityYears | null;
	hadPassportBefore?: boolean | null;
	oldPassportNumber?: string | null;
	travelPurpose?: TravelPurpose | null;
	/** ISO 3166-1 alpha-2, from COUNTRIES. */
	destinationCountry?: string | null;
	destinationAddress?: string | null;
	stayDurationDays?: number | null;
	relativeName?: string | null;
	relativePhone?: string | null;
};

export type ApplicationFormField = keyof ApplicationForm;

/** The wizard's order; also the order in which missing fields are reported. */
export const APPLICATION_FORM_FIELDS: readonly ApplicationFormField[] = [
	'service',
	'applicationType',
	'passportType',
	'validityYears',
	'hadPassportBefore',
	'oldPassportNumber',
	'travelPurpose',
	'destinationCountry',
	'destinationAddress',
	'stayDurationDays',
	'relativeName',
	'relativePhone'
];

export const STAY_DURATION_MAX_DAYS = 3650;
export const DESTINATION_ADDRESS_MAX_LENGTH = 300;

// Current books are one letter and seven digits (A/B/C… paper, X electronic, E polycarbonate);
// older books used two letters and six or seven digits. People type spaces and lower case.
const PASSPORT_NUMBER = /^[A-Z]{1,2}\d{6,7}$/;

export function normalizePassportNumber(input: string): string {
	return input.replace(/[\s.-]/g, '').toUpperCase();
}

function blankToNull(value: string | null): string | null {
	return value === null || value.trim() === '' ? null : value;
}

/**
 * A text input that may be blank: '' or null mean "not filled in yet" and come out as null;
 * anything else must satisfy `field`. A missing key stays missing, so a patch never clears
 * fields it does not name.
 */
function textField<Output>(field: z.ZodType<Output, string>, typeError: string) {
	return z
		.string({ error: typeError })
		.nullable()
		.transform(blankToNull)
		.pipe(field.nullable())
		.optional();
}

function choiceField<const Values extends readonly [string, ...string[]]>(values: Values) {
	return textField(z.enum(values, { error: 'choose_one' }), 'choose_one');
}

const draftShape = {
	service: choiceField(SERVICES),
	applicationType: choiceField(APPLICATION_TYPES),
	passportType: choiceField(PASSPORT_TYPES),
	validityYears: z
		.literal(['', null, ...VALIDITY_YEARS], { error: 'choose_one' })
		.transform((value) => (value === '' ? null : value))
		.optional(),
	hadPassportBefore: z
		.literal(['', null, true, false], { error: 'choose_one' })
		.transform((value) => (value === '' ? null : value))
		.optional(),
	oldPassportNumber: textField(
		z
			.string()
			.transform(normalizePassportNumber)
			.refine((number) => PASSPORT_NUMBER.test(number), { error: 'passport_number_invalid' }),
		'passport_number_invalid'
	),
	travelPurpose: choiceField(TRAVEL_PURPOSES),
	destinationCountry: textField(
		z
			.string()
			.trim()
			.transform((code) => code.toUpperCase())
			.refine(isCountryCode, { error: 'country_invalid' }),
		'country_invalid'
	),
	destinationAddress: textField(
		z
			.string()
			.trim()
			.min(5, { error: 'address_too_short' })
			.max(DESTINATION_ADDRESS_MAX_LENGTH, { error: 'text_too_long' }),
		'required'
	),
	stayDurationDays: z
		.union([z.number(), z.literal(['', null])], { error: 'stay_duration_invalid' })
		.transform((value) => (value === '' ? null : value))
		.pipe(
			z
				.number()
				.int({ error: 'stay_duration_invalid' })
				.min(1, { error: 'stay_duration_invalid' })
				.max(STAY_DURATION_MAX_DAYS, { error: 'stay_duration_too_long' })
				.nullable()
		)
		.optional(),
	relativeName: textField(personNameSchema, 'required'),
	relativePhone: textField(phoneSchema, 'phone_invalid')
};

/**
 * Every field on its own: each filled field must be well formed, none is required yet.
 * Strict, so a field this version does not know is refused rather than silently stored.
 * A plain object, so `.partial()` serves single-field patches; rules that need several
 * fields live in submitApplicationSchema.
 */
export const applicationDraftSchema = z.strictObject(draftShape, {
	error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown_field' : 'required')
});

export type ApplicationDraftInput = z.input<typeof applicationDraftSchema>;
export type ApplicationDraft = z.output<typeof applicationDraftSchema>;

type Person = { birthDate: string; maritalStatus: MaritalStatus };

/** 10 years only for adults: 17 or older, or ever married (the same line as applicantCategory). */
export function validityOptions(person: Person, today: string): ValidityYears[] {
	return applicantCategory(person, today) === 'dewasa' ? [5, 10] : [5];
}

/** Lost or damaged passports need an interview (BAP) at the office; the wizard explains and stops. */
export function isHandledAtOffice(applicationType: ApplicationType | null | undefined): boolean {
	return applicationType === 'hilang' || applicationType === 'rusak';
}

export function isRenewal(applicationType: ApplicationType | null | undefined): boolean {
	return applicationType != null && RENEWAL_TYPES.includes(applicationType);
}

/** A complete application as submitted: everything answered, and consistent. */
export type SubmittedApplication = {
	service: Service;
	applicationType: Exclude<ApplicationType, 'hilang' | 'rusak'>;
	passportType: PassportType;
	validityYears: ValidityYears;
	hadPassportBefore: boolean;
	/** null when the person never held a passport. */
	oldPassportNumber: string | null;
	travelPurpose: TravelPurpose;
	destinationCountry: string;
	destinationAddress: string;
	stayDurationDays: number;
	relativeName: string;
	relativePhone: string;
};

/** Fields a submission must have whatever else was answered. */
const ALWAYS_REQUIRED: readonly ApplicationFormField[] = APPLICATION_FORM_FIELDS.filter(
	(field) => field !== 'oldPassportNumber'
);

const CHOICE_FIELDS: ReadonlySet<ApplicationFormField> = new Set([
	'service',
	'applicationType',
	'passportType',
	'validityYears',
	'hadPassportBefore',
	'travelPurpose',
	'destinationCountry'
]);

/**
 * The whole form at submission, for this person on this day: every required field present,
 * and the rules that tie fields together, each reported on the field the person must change.
 */
export function submitApplicationSchema(person: Person, today: string) {
	return applicationDraftSchema
		.superRefine(
			(parsed, ctx) => {
				// Runs even when some fields were refused, so the person sees everything still to do
				// at once. A refused field already has its message and counts as neither blank nor
				// answered here.
				const refused = new Set(ctx.issues.map((issue) => issue.path?.[0]));
				const form: ApplicationForm = Object.fromEntries(
					Object.entries(parsed).filter(([field]) => !refused.has(field))
				);
				const isBlank = (field: ApplicationFormField) => !refused.has(field) && form[field] == null;
				const refuse = (field: ApplicationFormField, message: string) =>
					ctx.addIssue({ code: 'custom', path: [field], message });

				for (const field of ALWAYS_REQUIRED) {
					if (isBlank(field)) refuse(field, CHOICE_FIELDS.has(field) ? 'choose_one' : 'required');
				}

				if (isHandledAtOffice(form.applicationType)) {
					refuse('applicationType', 'application_type_at_office');
				}
				if (isRenewal(form.applicationType) && form.hadPassportBefore === false) {
					refuse('hadPassportBefore', 'renewal_needs_old_passport');
				}
				// A renewal is itself an answer to "had a passport before?", so its number is needed
				// even while that question is still open.
				const needsOldNumber = form.hadPassportBefore === true || isRenewal(form.applicationType);
				if (needsOldNumber && isBlank('oldPassportNumber')) refuse('oldPassportNumber', 'required');

				const { service, passportType, validityYears } = form;
				if (validityYears && !validityOptions(person, today).includes(validityYears)) {
					refuse('validityYears', 'validity_not_allowed');
				}
				if (service && passportType && !PASSPORT_TYPES_BY_SERVICE[service].includes(passportType)) {
					refuse('passportType', 'passport_type_not_offered');
				}
				if (
					service &&
					passportType &&
					validityYears &&
					!passportFee({ service, passportType, validityYears }, today)
				) {
					refuse('validityYears', 'fee_not_available');
				}
			},
			{ when: (payload) => typeof payload.value === 'object' && payload.value !== null }
		)
		.transform((form): SubmittedApplication => ({
			...(form as Omit<SubmittedApplication, 'oldPassportNumber'>),
			// "Never had one" is the person's latest answer; a number typed before it is stale.
			oldPassportNumber: form.hadPassportBefore ? (form.oldPassportNumber ?? null) : null
		}));
}
