import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { devMail } from '../db/schema';
import type { Mailer, MailMessage } from './mailer';

/** Keeps mail in the database so every process (web, workers, tests) reads the same box. */
export function devMailbox(db: Db): Mailer {
	return {
		async send(message: MailMessage) {
			await db.insert(devMail).values({
				to: message.to.toLowerCase(),
				subject: message.subject,
				text: message.text,
				html: message.html ?? null
			});
		}
	};
}

export async function listDevMail(db: Db, to?: string, limit = 50) {
	const query = db.select().from(devMail).orderBy(desc(devMail.createdAt)).limit(limit);
	return to ? query.where(eq(devMail.to, to.toLowerCase())) : query;
}
