// Relative imports: the worker's notices (notice-words.ts) use this outside Vite too.
import { PASSWORD_MIN_LENGTH } from './domain/account';
import * as m from './paraglide/messages.js';

type MessageFunction = (
	params?: Record<string, unknown>,
	options?: { locale?: 'id' | 'en' }
) => string;

/**
 * Error keys come from the shared zod schemas and from the server (AppError); each has an
 * `err_` message. Parameters a message needs are filled from the error's details or rules. In
 * the reader's language, or in `locale` when given (a notice written for someone else).
 */
export function errorText(
	key: string,
	details?: Record<string, unknown> | null,
	locale?: 'id' | 'en'
): string {
	const messages = m as unknown as Record<string, MessageFunction | undefined>;
	const message = messages[`err_${key}`] ?? messages[key];
	const options = locale ? { locale } : undefined;
	if (!message) return m.err_unknown({}, options);
	const retryAfter = Number(details?.retryAfterSeconds ?? 0);
	return message(
		{
			min: PASSWORD_MIN_LENGTH,
			max: details?.max ?? 5,
			minutes: Math.max(1, Math.ceil(retryAfter / 60)),
			...details
		},
		options
	);
}
