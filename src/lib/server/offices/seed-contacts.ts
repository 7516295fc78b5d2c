import type { OpeningHours, SocialLinks } from '../../domain/office-info';
import type { SeedOffice } from './seed-data';

export interface SeedOfficeContact {
	email: string;
	phone: string;
	whatsapp: string;
	openingHours: OpeningHours;
	socialLinks: SocialLinks;
	priorityWalkIn: boolean;
}

// Public service hours most immigration offices publish: Monday to Friday, with Friday's
// prayer break folded into a later close.
const WEEKDAY_HOURS: OpeningHours = [
	{ weekday: 1, opens: '08:00', closes: '16:00' },
	{ weekday: 2, opens: '08:00', closes: '16:00' },
	{ weekday: 3, opens: '08:00', closes: '16:00' },
	{ weekday: 4, opens: '08:00', closes: '16:00' },
	{ weekday: 5, opens: '08:00', closes: '16:30' }
];

function handle(city: string): string {
	return city
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '')
		.slice(0, 24);
}

/**
 * Starting contact details for a seeded office, written only when the office row is created.
 *
 * TO BE VERIFIED BY EACH OFFICE ADMIN: these follow the naming pattern the offices use for
 * their public accounts (kanim.<city>), but they were not checked one by one. Phone and
 * WhatsApp numbers are deliberately left empty: a guessed number could ring a private person,
 * so the page says the office has not published one until its staff fill it in on /office.
 */
export function seedContact(office: SeedOffice): SeedOfficeContact {
	const name = handle(office.city);
	return {
		email: `kanim.${name}@imigrasi.go.id`,
		phone: '',
		whatsapp: '',
		openingHours: WEEKDAY_HOURS,
		socialLinks: {
			instagram: `https://www.instagram.com/kanim.${name}`,
			facebook: `https://www.facebook.com/kanim.${name}`
		},
		priorityWalkIn: true
	};
}
