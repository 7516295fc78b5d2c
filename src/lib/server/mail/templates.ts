import * as m from '../../paraglide/messages.js';
import { CODE_TTL_MS } from '../auth/email-codes';
import type { MailMessage } from './mailer';

export type MailLocale = 'id' | 'en';

/** Every mail's frame: greeting, body, an optional footer line (unsubscribe), signature. */
export function compose(
	to: string,
	name: string,
	locale: MailLocale,
	subject: string,
	body: string,
	footer?: string
): MailMessage {
	const lines = [m.email_greeting({ name }, { locale }), '', body, ''];
	if (footer) lines.push(footer, '');
	lines.push(m.email_signature({}, { locale }));
	return { to, subject, text: lines.join('\n') };
}

const minutes = CODE_TTL_MS / 60_000;

export function verificationMail(to: string, name: string, code: string, locale: MailLocale) {
	return compose(
		to,
		name,
		locale,
		m.email_verify_subject({ code }, { locale }),
		m.email_verify_body({ code, minutes }, { locale })
	);
}

export function passwordResetMail(to: string, name: string, code: string, locale: MailLocale) {
	return compose(
		to,
		name,
		locale,
		m.email_reset_subject({ code }, { locale }),
		m.email_reset_body({ code, minutes }, { locale })
	);
}

export function alreadyRegisteredMail(to: string, name: string, locale: MailLocale) {
	return compose(
		to,
		name,
		locale,
		m.email_exists_subject({}, { locale }),
		m.email_exists_body({}, { locale })
	);
}

export function passwordChangedMail(to: string, name: string, locale: MailLocale) {
	return compose(
		to,
		name,
		locale,
		m.email_password_changed_subject({}, { locale }),
		m.email_password_changed_body({}, { locale })
	);
}

const ROLE_NAMES = {
	staff: (locale: MailLocale) => m.staff_role_staff({}, { locale }),
	office_admin: (locale: MailLocale) => m.staff_role_office_admin({}, { locale })
};

export function inviteMail(invite: {
	to: string;
	inviter: string;
	office: string;
	role: keyof typeof ROLE_NAMES;
	url: string;
	expiresAt: Date;
	locale: MailLocale;
}) {
	const { locale } = invite;
	const expires = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
		timeZone: 'Asia/Jakarta',
		dateStyle: 'full',
		timeStyle: 'short'
	}).format(invite.expiresAt);
	return compose(
		invite.to,
		invite.to,
		locale,
		m.email_invite_subject({ office: invite.office }, { locale }),
		m.email_invite_body(
			{
				inviter: invite.inviter,
				office: invite.office,
				role: ROLE_NAMES[invite.role](locale),
				url: invite.url,
				expires: `${expires} WIB`
			},
			{ locale }
		)
	);
}
