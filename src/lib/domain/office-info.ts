import { z } from 'zod';
import { isClockTime, minutesOfDay } from './office-time';
import { normalizeIndonesianPhone } from './phone';

/** One day's service hours in the office's own clock; weekday 1 = Monday … 7 = Sunday. */
export interface OpeningPeriod {
	weekday: number;
	opens: string;
	closes: string;
}
export type OpeningHours = OpeningPeriod[];

export const SOCIAL_NETWORKS = ['instagram', 'facebook', 'x', 'youtube', 'tiktok'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];
export type SocialLinks = Partial<Record<SocialNetwork, string>>;

// Each network's own host, so a link on an office page can only lead where its label says.
const SOCIAL_HOSTS: Record<SocialNetwork, readonly string[]> = {
	instagram: ['instagram.com', 'www.instagram.com'],
	facebook: ['facebook.com', 'www.facebook.com', 'web.facebook.com'],
	x: ['x.com', 'twitter.com', 'www.x.com', 'www.twitter.com'],
	youtube: ['youtube.com', 'www.youtube.com'],
	tiktok: ['tiktok.com', 'www.tiktok.com']
};

/** True when the text is an https link on the network's own site. */
export function isSocialLink(network: SocialNetwork, value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' && SOCIAL_HOSTS[network].includes(url.hostname);
	} catch {
		return false;
	}
}

/** A map search for the office: OpenStreetMap needs no key and no tracking consent. */
export function mapLink(name: string, address: string): string {
	const query = [name, address].filter(Boolean).join(', ');
	return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}

/** wa.me wants the number with country code and no plus sign. */
export function whatsappLink(e164: string): string {
	return `https://wa.me/${e164.replace(/^\+/, '')}`;
}

const openingPeriodSchema = z
	.object({
		weekday: z.number().int().min(1).max(7),
		opens: z.string().refine(isClockTime, { error: 'office_info_time_invalid' }),
		closes: z.string().refine(isClockTime, { error: 'office_info_time_invalid' })
	})
	// A malformed time is already reported on its own field; only well-formed ones compare.
	.refine(
		(period) =>
			!isClockTime(period.opens) ||
			!isClockTime(period.closes) ||
			minutesOfDay(period.opens) < minutesOfDay(period.closes),
		{
			error: 'office_info_hours_backwards',
			path: ['closes']
		}
	);

const optionalPhone = z
	.string()
	.trim()
	.max(40)
	.transform((value, ctx) => {
		if (value === '') return '';
		const normalized = normalizeIndonesianPhone(value);
		if (!normalized) {
			ctx.addIssue({ code: 'custom', message: 'phone_invalid' });
			return z.NEVER;
		}
		return normalized;
	});

const socialLinksSchema = z
	.object(
		Object.fromEntries(
			SOCIAL_NETWORKS.map((network) => [
				network,
				z
					.string()
					.trim()
					.max(200)
					.refine((value) => value === '' || isSocialLink(network, value), {
						error: 'office_info_social_invalid'
					})
					.optional()
			])
		) as Record<SocialNetwork, z.ZodOptional<z.ZodString>>
	)
	// Empty fields mean "no account", so they are dropped rather than stored.
	.transform((links) => {
		const kept: SocialLinks = {};
		for (const network of SOCIAL_NETWORKS) if (links[network]) kept[network] = links[network];
		return kept;
	});

/** What an office's staff may change about their own office's public page. */
export const officeInfoInputSchema = z.object({
	address: z.string().trim().max(300),
	phone: optionalPhone,
	whatsapp: optionalPhone,
	email: z
		.string()
		.trim()
		.toLowerCase()
		.pipe(z.union([z.literal(''), z.email({ error: 'email_invalid' })])),
	openingHours: z
		.array(openingPeriodSchema)
		.max(7)
		.refine((periods) => new Set(periods.map((p) => p.weekday)).size === periods.length, {
			error: 'office_info_hours_duplicate_day'
		})
		.transform((periods) => [...periods].sort((a, b) => a.weekday - b.weekday)),
	socialLinks: socialLinksSchema,
	priorityWalkIn: z.boolean(),
	priorityWalkInNote: z.string().trim().max(300)
});
export type OfficeInfoInput = z.input<typeof officeInfoInputSchema>;
export type OfficeInfo = z.output<typeof officeInfoInputSchema>;
