import { z } from 'zod';
import { birthDateSchema, emailSchema, personNameSchema, phoneSchema } from './account';
import { MARITAL_STATUSES, type MaritalStatus } from './applicant-category';
import { checkNik, normalizeNik } from './nik';
import { isProvinceCode } from './provinces';

const placeSchema = z
	.string({ error: 'required' })
	.trim()
	.min(1, { error: 'required' })
	.max(100, { error: 'text_too_long' });

/**
 * Everything the passport application asks about a person. The NIK is checked against the
 * date of birth and sex entered beside it, because a mismatch is the most common reason an
 * office sends people home.
 */
export function applicantProfileSchema(today: () => string) {
	return z
		.object({
			nik: z
				.string({ error: 'required' })
				.transform(normalizeNik)
				.refine((nik) => nik.length > 0, { error: 'required', abort: true })
				.superRefine((nik, ctx) => {
					for (const error of checkNik(nik)) ctx.addIssue({ code: 'custom', message: error });
				}),
			fullName: personNameSchema,
			birthPlace: placeSchema,
			birthDate: birthDateSchema(today),
			sex: z.enum(['M', 'F'], { error: 'choose_one' }),
			maritalStatus: z.enum(MARITAL_STATUSES as [MaritalStatus, ...MaritalStatus[]], {
				error: 'choose_one'
			}),
			occupation: placeSchema,
			provinceCode: z.string({ error: 'required' }).refine(isProvinceCode, {
				error: 'province_invalid'
			}),
			regency: placeSchema,
			district: placeSchema,
			address: z
				.string({ error: 'required' })
				.trim()
				.min(5, { error: 'address_too_short' })
				.max(300, { error: 'text_too_long' }),
			phone: phoneSchema,
			email: z
				.union([z.literal(''), z.null(), emailSchema], { error: 'email_invalid' })
				.optional()
				.transform((value) => value || null),
			motherName: personNameSchema,
			fatherName: personNameSchema,
			isAccountHolder: z.boolean().default(false)
		})
		.superRefine((profile, ctx) => {
			// Format errors were reported on the field itself; here only what needs the other fields.
			const mismatches = checkNik(profile.nik, {
				birthDate: profile.birthDate,
				sex: profile.sex
			}).filter((error) => error === 'nik_birth_date_mismatch' || error === 'nik_sex_mismatch');
			for (const error of mismatches) {
				ctx.addIssue({ code: 'custom', path: ['nik'], message: error });
			}
		});
}

export type ApplicantProfileInput = z.input<ReturnType<typeof applicantProfileSchema>>;
export type ApplicantProfile = z.output<ReturnType<typeof applicantProfileSchema>>;
