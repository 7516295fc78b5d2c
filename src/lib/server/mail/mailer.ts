export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html?: string;
}

/** Where mail leaves the system: SMTP in production, the dev mailbox in development and tests. */
export interface Mailer {
	send(message: MailMessage): Promise<void>;
}
