import type {
	ChoiceNoticeKind,
	NoticeParams,
	OfficeChangeKind,
	QuotaNoticeKind,
	ReminderKind
} from '../../domain/notices';
import { zoneLabel } from '../../domain/office-time';
import { refusalText } from '../../notice-words';
import * as m from '../../paraglide/messages.js';
import { config } from '../config';
import type { MailMessage } from '../mail';
import { compose, type MailLocale } from '../mail/templates';

/** Absolute links for mail; ORIGIN is the public address the app is served from. */
export function absoluteUrl(path: string): string {
	const settings = config();
	const origin = settings.ORIGIN ?? `http://localhost:${settings.PORT}`;
	return new URL(path, origin).toString();
}

export function unsubscribeUrl(subscriptionId: string, token: string): string {
	const query = new URLSearchParams({ s: subscriptionId, t: token });
	return absoluteUrl(`/unsubscribe?${query}`);
}

/** A stored notice of one kind, as its mail is written: to whom, in which language, about what. */
interface NoticeMail<Kind> {
	kind: Kind;
	to: string;
	name: string;
	locale: MailLocale;
	params: NoticeParams;
	link: string;
}

/** The opening time on the office's clock, in the reader's language, with WIB/WITA/WIT. */
export function officeTimeText(iso: string, timeZone: string, locale: MailLocale): string {
	const text = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
		timeZone,
		dateStyle: 'full',
		timeStyle: 'short'
	}).format(new Date(iso));
	return `${text} ${zoneLabel(timeZone)}`;
}

export function quotaNoticeMail(
	notice: NoticeMail<QuotaNoticeKind> & { unsubscribe: { id: string; token: string } | null }
): MailMessage {
	const { locale, params } = notice;
	const values = {
		office: params.officeName,
		release: params.releaseLabel ?? '',
		when: officeTimeText(params.opensAt ?? '', params.timeZone, locale),
		link: absoluteUrl(notice.link)
	};
	const subject =
		notice.kind === 'quota_scheduled'
			? m.notify_quota_scheduled_subject(values, { locale })
			: m.notify_quota_opening_subject(values, { locale });
	const body =
		notice.kind === 'quota_scheduled'
			? m.notify_quota_scheduled_body(values, { locale })
			: m.notify_quota_opening_body(values, { locale });
	const footer = notice.unsubscribe
		? m.notify_unsubscribe_line(
				{
					office: params.officeName,
					url: unsubscribeUrl(notice.unsubscribe.id, notice.unsubscribe.token)
				},
				{ locale }
			)
		: undefined;
	return compose(notice.to, notice.name, locale, subject, body, footer);
}

/** A booking reminder: what is due and when, and a link to the booking. */
export function reminderMail(notice: NoticeMail<ReminderKind>): MailMessage {
	const { locale, params } = notice;
	const values = {
		office: params.officeName,
		appointment: officeTimeText(params.startsAt ?? '', params.timeZone, locale),
		deadline: officeTimeText(params.expiresAt ?? '', params.timeZone, locale),
		link: absoluteUrl(notice.link)
	};
	const [subject, body] =
		notice.kind === 'payment_deadline'
			? [m.notify_payment_subject(values, { locale }), m.notify_payment_body(values, { locale })]
			: [
					m.notify_appointment_subject(values, { locale }),
					m.notify_appointment_body(values, { locale })
				];
	return compose(notice.to, notice.name, locale, subject, body);
}

/** A change the office made to a booking: the new appointment, the no-show, the cancellation. */
export function officeChangeMail(notice: NoticeMail<OfficeChangeKind>): MailMessage {
	const { locale, params } = notice;
	const values = {
		office: params.officeName,
		appointment: officeTimeText(params.startsAt ?? '', params.timeZone, locale),
		previous: officeTimeText(params.previousStartsAt ?? '', params.timeZone, locale),
		reason: params.reason ?? '',
		link: absoluteUrl(notice.link),
		rebook: absoluteUrl('/booking')
	};
	const [subject, body] =
		notice.kind === 'office_reschedule'
			? [
					m.notify_office_reschedule_subject(values, { locale }),
					m.notify_office_reschedule_body(values, { locale })
				]
			: notice.kind === 'office_cancel'
				? [
						m.notify_office_cancel_subject(values, { locale }),
						params.paid === 'yes'
							? m.notify_office_cancel_body_paid(values, { locale })
							: m.notify_office_cancel_body_held(values, { locale })
					]
				: [
						m.notify_office_no_show_subject(values, { locale }),
						m.notify_office_no_show_body(values, { locale })
					];
	return compose(notice.to, notice.name, locale, subject, body);
}

/**
 * What became of the attempt made from a standing choice when the person's turn came: the
 * booking and its payment deadline, or why none of the chosen times could be booked and until
 * when the turn stays open to book by hand.
 */
export function choiceNoticeMail(notice: NoticeMail<ChoiceNoticeKind>): MailMessage {
	const { locale, params } = notice;
	// Each kind fills only its own instants; formatting a missing one would throw.
	const at = (iso: string | undefined) => (iso ? officeTimeText(iso, params.timeZone, locale) : '');
	const values = {
		office: params.officeName,
		appointment: at(params.startsAt),
		deadline: at(params.expiresAt),
		reason: refusalText(params.refusal, locale),
		until: at(params.turnOpenUntil),
		link: absoluteUrl(notice.link)
	};
	const [subject, body] =
		notice.kind === 'booked_for_you'
			? [
					m.notify_booked_for_you_subject(values, { locale }),
					m.notify_booked_for_you_body(values, { locale })
				]
			: [
					m.notify_choice_refused_subject(values, { locale }),
					params.turnOpenUntil
						? m.notify_choice_refused_body_open(values, { locale })
						: m.notify_choice_refused_body_closed(values, { locale })
				];
	return compose(notice.to, notice.name, locale, subject, body);
}
