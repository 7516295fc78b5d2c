import { zoneLabel } from '$lib/domain/office-time';
import type { PassportService, PassportType } from '$lib/domain/passport-kinds';
import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/**
 * How booking screens show dates, times and durations: always in the office's own zone with
 * its name (WIB, WITA, WIT), in the reader's language.
 */

function localeTag(): string {
	return getLocale() === 'en' ? 'en-GB' : 'id-ID';
}

/** "Sabtu, 28 November 2026 pukul 09.00 WIB" for an instant at an office. */
export function officeDateTime(instant: number | Date, timeZone: string): string {
	const text = new Intl.DateTimeFormat(localeTag(), {
		timeZone,
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	}).format(instant);
	return `${text} ${zoneLabel(timeZone)}`;
}

/** Clock time of an instant at an office, e.g. "14.05.09 WIB". */
export function officeClock(instant: number | Date, timeZone: string): string {
	const text = new Intl.DateTimeFormat(localeTag(), {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).format(instant);
	return `${text} ${zoneLabel(timeZone)}`;
}

/** A calendar date ('YYYY-MM-DD', already office-local) as words: "Senin, 1 Desember 2026". */
export function calendarDate(date: string, style: 'long' | 'short' = 'long'): string {
	// Noon UTC keeps the date the same in any zone the formatter might apply.
	const instant = new Date(`${date}T12:00:00Z`);
	return new Intl.DateTimeFormat(localeTag(), {
		timeZone: 'UTC',
		weekday: style === 'long' ? 'long' : 'short',
		day: 'numeric',
		month: style === 'long' ? 'long' : 'short',
		year: style === 'long' ? 'numeric' : undefined
	}).format(instant);
}

/** "Desember 2026" for a month ('2026-12'). */
export function monthTitle(month: string): string {
	return new Intl.DateTimeFormat(localeTag(), {
		timeZone: 'UTC',
		month: 'long',
		year: 'numeric'
	}).format(new Date(`${month}-15T12:00:00Z`));
}

/** A duration in words, e.g. "1 jam 5 menit 3 detik". */
export function duration(totalSeconds: number): string {
	const seconds = Math.max(0, Math.floor(totalSeconds));
	const days = Math.floor(seconds / 86_400);
	const hours = Math.floor((seconds % 86_400) / 3_600);
	const minutes = Math.floor((seconds % 3_600) / 60);
	const rest = seconds % 60;
	if (days > 0) return m.duration_days({ days, hours });
	if (hours > 0) return m.duration_hms({ hours, minutes, seconds: rest });
	if (minutes > 0) return m.duration_ms({ minutes, seconds: rest });
	return m.duration_s({ seconds: rest });
}

export function passportTypeLabel(type: PassportType): string {
	switch (type) {
		case 'biasa':
			return m.booking_passport_type_biasa();
		case 'elektronik':
			return m.booking_passport_type_elektronik();
		default:
			return m.booking_passport_type_elektronik_polikarbonat();
	}
}

export function serviceLabel(service: PassportService): string {
	return service === 'percepatan' ? m.booking_service_percepatan() : m.booking_service_reguler();
}

export function kindLabel(kind: { passportType: PassportType; service: PassportService }): string {
	return m.booking_kind({
		type: passportTypeLabel(kind.passportType),
		service: serviceLabel(kind.service)
	});
}

/** A v4 UUID for an attempt id; crypto.randomUUID needs a secure context, this does not. */
export function newAttemptId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6]! & 0x0f) | 0x40;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
