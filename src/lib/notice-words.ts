/**
 * A notice's title and one-line text, in one place for the in-app list (browser) and for Web
 * Push (rendered on the server in the reader's language). `at` formats an ISO instant on the
 * office's clock; each side brings its own, since the list follows the page's language.
 */
import { errorText } from './errors';
import * as m from './paraglide/messages.js';

type Locale = 'id' | 'en';
type Params = Partial<Record<string, string>>;

/** A booking refusal in words: the same `err_<key>` text the booking page shows for it. */
export function refusalText(key: string | undefined, locale?: Locale): string {
	return errorText(key ?? 'unknown', null, locale);
}

export function noticeTitle(kind: string, params: Params, locale?: Locale): string {
	const values = { office: params.officeName ?? '' };
	const options = locale ? { locale } : undefined;
	switch (kind) {
		case 'payment_deadline':
			return m.notify_payment_title(values, options);
		case 'appointment_tomorrow':
			return m.notify_appointment_title(values, options);
		case 'office_reschedule':
			return m.notify_office_reschedule_title(values, options);
		case 'office_no_show':
			return m.notify_office_no_show_title(values, options);
		case 'office_cancel':
			return m.notify_office_cancel_title(values, options);
		case 'booked_for_you':
			return m.notify_booked_for_you_title(values, options);
		case 'choice_refused':
			return m.notify_choice_refused_title(values, options);
		case 'quota_opening':
			return m.notify_quota_opening_title(values, options);
		default:
			return m.notify_quota_scheduled_title(values, options);
	}
}

export function noticeText(
	kind: string,
	params: Params,
	at: (iso: string | undefined) => string,
	locale?: Locale
): string {
	const options = locale ? { locale } : undefined;
	switch (kind) {
		case 'payment_deadline':
			return m.notify_payment_text({ deadline: at(params.expiresAt) }, options);
		case 'appointment_tomorrow':
			return m.notify_appointment_text({ appointment: at(params.startsAt) }, options);
		case 'office_reschedule':
			return m.notify_office_reschedule_text({ appointment: at(params.startsAt) }, options);
		case 'office_no_show':
			return m.notify_office_no_show_text({ previous: at(params.previousStartsAt) }, options);
		case 'office_cancel':
			return params.paid === 'yes'
				? m.notify_office_cancel_text_paid({ previous: at(params.previousStartsAt) }, options)
				: m.notify_office_cancel_text_held({ previous: at(params.previousStartsAt) }, options);
		case 'booked_for_you':
			return m.notify_booked_for_you_text(
				{ appointment: at(params.startsAt), deadline: at(params.expiresAt) },
				options
			);
		case 'choice_refused': {
			const reason = refusalText(params.refusal, locale);
			// Without a re-armed turn there is nothing to offer but the reason.
			return params.turnOpenUntil
				? m.notify_choice_refused_text_open({ reason, until: at(params.turnOpenUntil) }, options)
				: m.notify_choice_refused_text_closed({ reason }, options);
		}
		default:
			return m.notify_notice_text(
				{ release: params.releaseLabel ?? '', when: at(params.opensAt) },
				options
			);
	}
}
