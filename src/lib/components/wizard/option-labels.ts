import { countryName } from '$lib/domain/application-form';
import { getLocale } from '$lib/paraglide/runtime';
import * as m from '$lib/paraglide/messages';

type Messages = Record<string, ((params?: Record<string, unknown>) => string) | undefined>;

const PREFIXES: Record<string, string> = {
	service: 'service_',
	applicationType: 'application_type_',
	passportType: 'passport_type_',
	travelPurpose: 'travel_purpose_'
};

/** How a stored choice reads to the person: "Paspor elektronik", not "elektronik". */
export function optionLabel(field: string, value: unknown): string {
	const messages = m as unknown as Messages;
	const prefix = PREFIXES[field];
	if (prefix) return messages[`${prefix}${String(value)}`]?.() ?? String(value);
	if (field === 'validityYears') return m.validity_years({ years: Number(value) });
	if (field === 'hadPassportBefore')
		return value ? m.wizard_had_passport_yes() : m.wizard_had_passport_no();
	if (field === 'destinationCountry') {
		return countryName(String(value), getLocale() === 'en' ? 'en' : 'id') ?? String(value);
	}
	if (field === 'stayDurationDays') return m.wizard_days({ days: Number(value) });
	return String(value);
}
