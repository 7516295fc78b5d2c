import * as m from './paraglide/messages.js';

/** Weekday names, Monday first (ISO 1–7), as office hours are stored. */
export const weekdayNames = [
	m.weekday_1,
	m.weekday_2,
	m.weekday_3,
	m.weekday_4,
	m.weekday_5,
	m.weekday_6,
	m.weekday_7
];

/** How each social network an office may list is named on screen. */
export const networkNames = {
	instagram: 'Instagram',
	facebook: 'Facebook',
	x: 'X',
	youtube: 'YouTube',
	tiktok: 'TikTok'
} as const;
