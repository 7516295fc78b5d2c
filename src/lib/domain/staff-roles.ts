import { z } from 'zod';
import { emailSchema, passwordSchema, personNameSchema, phoneSchema } from './account';
import { PASSPORT_SERVICES, PASSPORT_TYPES } from './passport-kinds';
import { isProvinceCode } from './provinces';
import { isIndonesianTimeZone } from './time-zones';

export type Role = 'applicant' | 'staff' | 'office_admin' | 'admin';

/** The roles that belong to one office; an office admin is staff with more rights. */
export const OFFICE_ROLES = ['staff', 'office_admin'] as const;
export type OfficeRole = (typeof OFFICE_ROLES)[number];

export function isOfficeRole(role: string): role is OfficeRole {
	return (OFFICE_ROLES as readonly string[]).includes(role);
}

/** Office info, timetables and quota releases, and the office's staff list are the admin's. */
export function managesOffice(role: string): role is 'office_admin' {
	return role === 'office_admin';
}

/** Invitation links are good for three days, then a new one must be sent. */
export const INVITE_TTL_HOURS = 72;

export type InviteState = 'pending' | 'accepted' | 'revoked' | 'expired';

/** One place that decides whether an invitation can still be used. */
export function inviteState(
	invite: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
	now: Date
): InviteState {
	if (invite.acceptedAt) return 'accepted';
	if (invite.revokedAt) return 'revoked';
	if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
	return 'pending';
}

export function inviteExpiry(createdAt: Date): Date {
	return new Date(createdAt.getTime() + INVITE_TTL_HOURS * 3_600_000);
}

/** The token from an invitation link: 32 random bytes in base64url. */
export const inviteTokenSchema = z
	.string({ error: 'invite_invalid' })
	.trim()
	.regex(/^[A-Za-z0-9_-]{43}$/, { error: 'invite_invalid' });

export const inviteInputSchema = z.object({
	email: emailSchema,
	role: z.enum(OFFICE_ROLES, { error: 'invite_role_invalid' })
});

export const acceptInviteSchema = z.object({
	token: inviteTokenSchema,
	fullName: personNameSchema,
	phone: phoneSchema,
	password: passwordSchema
});

const officeCodeSchema = z
	.string({ error: 'required' })
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9-]{2,20}$/, { error: 'office_code_invalid' });

/** What an admin sets for an office; its public page details are the office admin's. */
export const officeSettingsSchema = z.object({
	name: z.string({ error: 'required' }).trim().min(3, { error: 'required' }).max(150),
	city: z.string({ error: 'required' }).trim().min(2, { error: 'required' }).max(100),
	provinceCode: z
		.string()
		.trim()
		.refine((code) => code === '' || isProvinceCode(code), { error: 'province_invalid' })
		.default(''),
	address: z.string().trim().max(300, { error: 'office_address_too_long' }).default(''),
	timeZone: z.string().refine(isIndonesianTimeZone, { error: 'time_zone_invalid' }),
	passportTypes: z
		.array(z.enum(PASSPORT_TYPES, { error: 'office_passport_types_invalid' }))
		.min(1, { error: 'office_passport_types_required' })
		.transform((types) => [...new Set(types)])
		.default(['biasa', 'elektronik']),
	services: z
		.array(z.enum(PASSPORT_SERVICES, { error: 'office_services_invalid' }))
		.min(1, { error: 'office_services_required' })
		.transform((services) => [...new Set(services)])
		.default(['reguler'])
});

export const createOfficeSchema = officeSettingsSchema.extend({ code: officeCodeSchema });
export const updateOfficeSchema = officeSettingsSchema.extend({
	officeId: z.uuid({ error: 'office_not_found' })
});
