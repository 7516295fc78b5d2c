import { config } from '../config';
import { db } from '../db';
import { devMailbox } from './dev-mailbox';
import type { Mailer } from './mailer';
import { smtpMailer } from './smtp-mailer';

let mailer: Mailer | undefined;

export async function activeMailer(): Promise<Mailer> {
	if (!mailer) {
		const { SMTP_URL, MAIL_FROM, devMailbox: useDevMailbox } = config();
		mailer = useDevMailbox || !SMTP_URL ? devMailbox(await db()) : smtpMailer(SMTP_URL, MAIL_FROM);
	}
	return mailer;
}

export type { Mailer, MailMessage } from './mailer';
