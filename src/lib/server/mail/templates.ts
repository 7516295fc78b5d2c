import * as m from '../../paraglide/messages.js';
import { CODE_TTL_MS } from '../auth/email-codes';
import type { MailMessage } from './mailer';

export type MailLocale = 'id' | 'en';

function compose(
	to: string,
	name: string,
	locale: MailLocale,
	subject: string,
	body: string
): MailMessage {
	const text = [
		m.email_greeting({ name }, { locale }),
		'',
		body,
		'',
		m.email_signature({}, { locale })
	].join('\n');
	return { to, subject, text };
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
