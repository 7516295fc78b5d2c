import type { Config } from '../config';
import type { Db } from '../db/client';
import type { MailLocale } from '../mail/templates';
import type { ValidSession } from '../auth/sessions';

export interface Context {
	db: Db;
	config: Config;
	session: ValidSession | null;
	ip: string;
	locale: MailLocale;
	/** Today's date in WIB, for age rules; injected so tests can pin it. */
	today: string;
	setSessionCookie(token: string, expiresAt: Date): void;
	clearSessionCookie(): void;
}
