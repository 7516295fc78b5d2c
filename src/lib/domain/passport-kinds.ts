/**
 * What an office offers and what an application asks for. The values match the application
 * form's `passportType` and `service` fields.
 */
export const PASSPORT_TYPES = ['biasa', 'elektronik', 'elektronik_polikarbonat'] as const;
export type PassportType = (typeof PASSPORT_TYPES)[number];

/** Reguler is the normal service; percepatan (express) finishes the passport the same day. */
export const PASSPORT_SERVICES = ['reguler', 'percepatan'] as const;
export type PassportService = (typeof PASSPORT_SERVICES)[number];

export function isPassportType(value: unknown): value is PassportType {
	return (PASSPORT_TYPES as readonly unknown[]).includes(value);
}

export function isPassportService(value: unknown): value is PassportService {
	return (PASSPORT_SERVICES as readonly unknown[]).includes(value);
}

/** The passport type and service an application's form asks for, when both are valid. */
export function requestedKind(
	form: Record<string, unknown>
): { passportType: PassportType; service: PassportService } | null {
	const { passportType, service } = form;
	if (!isPassportType(passportType) || !isPassportService(service)) return null;
	return { passportType, service };
}
