import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from './mailer';

export function smtpMailer(smtpUrl: string, from: string): Mailer {
	const transport = nodemailer.createTransport(smtpUrl);
	return {
		async send(message: MailMessage) {
			await transport.sendMail({ from, ...message });
		}
	};
}
