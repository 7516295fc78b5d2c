import { z } from 'zod';
import { ageInYears, isIsoDate } from './dates';
import { normalizeIndonesianPhone } from './phone';

/**
 * Validation messages are message keys (see messages/*.json, prefixed `err_`), so the
 * browser and the server report the same rule in the reader's language.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const ACCOUNT_HOLDER_MIN_AGE = 17;
export const EMAIL_CODE_LENGTH = 8;

export const emailSchema = z
	.string({ error: 'required' })
	.trim()
	.min(1, { error: 'required', abort: true })
	.max(254, { error: 'email_invalid' })
	.pipe(z.email({ error: 'email_invalid' }))
	.transform((email) => email.toLowerCase());

export const passwordSchema = z
	.string({ error: 'required' })
	.min(PASSWORD_MIN_LENGTH, { error: 'password_too_short' })
	.max(PASSWORD_MAX_LENGTH, { error: 'password_too_long' });

export const personNameSchema = z
	.string({ error: 'required' })
	.trim()
	.min(1, { error: 'required', abort: true })
	.max(100, { error: 'name_too_long' })
	.regex(/^[\p{L}][\p{L}\p{M} .,'-]*$/u, { error: 'name_invalid' })
	.transform((name) => name.replace(/\s+/g, ' '));

export const phoneSchema = z
	.string({ error: 'required' })
	.trim()
	.min(1, { error: 'required' })
	.transform((value, ctx) => {
		const normalized = normalizeIndonesianPhone(value);
		if (!normalized) {
			ctx.addIssue({ code: 'custom', message: 'phone_invalid' });
			return z.NEVER;
		}
		return normalized;
	});

export const emailCodeSchema = z
	.string({ error: 'required' })
	.trim()
	.regex(new RegExp(`^\\d{${EMAIL_CODE_LENGTH}}$`), { error: 'code_format' });

/**
 * A calendar date of birth: real, not in the future, not absurdly old. `today` is a function
 * so one schema serves a long-running server and keeps the clock out of the rule.
 */
export function birthDateSchema(today: () => string) {
	return z
		.string({ error: 'required' })
		.min(1, { error: 'required', abort: true })
		.refine(isIsoDate, { error: 'date_invalid', abort: true })
		.refine((date) => date <= today(), { error: 'birth_date_future', abort: true })
		.refine((date) => ageInYears(date, today()) <= 130, {
			error: 'birth_date_too_old',
			abort: true
		});
}

export function registerSchema(today: () => string) {
	return z.object({
		fullName: personNameSchema,
		email: emailSchema,
		phone: phoneSchema,
		birthDate: birthDateSchema(today).refine(
			(date) => ageInYears(date, today()) >= ACCOUNT_HOLDER_MIN_AGE,
			{ error: 'account_holder_too_young' }
		),
		password: passwordSchema
	});
}

export const loginSchema = z.object({
	email: emailSchema,
	password: z.string({ error: 'required' }).min(1, { error: 'required' }).max(PASSWORD_MAX_LENGTH)
});

export const verifyEmailSchema = z.object({ email: emailSchema, code: emailCodeSchema });

export const resetPasswordSchema = z.object({
	email: emailSchema,
	code: emailCodeSchema,
	newPassword: passwordSchema
});

export const changePasswordSchema = z.object({
	currentPassword: z.string({ error: 'required' }).min(1, { error: 'required' }).max(200),
	newPassword: passwordSchema
});
