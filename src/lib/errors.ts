import { PASSWORD_MIN_LENGTH } from '$lib/domain/account';
import * as m from '$lib/paraglide/messages';

type MessageFunction = (params?: Record<string, unknown>) => string;

/**
 * Error keys come from the shared zod schemas and from the server (AppError); each has an
 * `err_` message. Parameters a message needs are filled from the error's details or rules.
 */
export function errorText(key: string, details?: Record<string, unknown> | null): string {
	const messages = m as unknown as Record<string, MessageFunction | undefined>;
	const message = messages[`err_${key}`] ?? messages[key];
	if (!message) return m.err_unknown();
	const retryAfter = Number(details?.retryAfterSeconds ?? 0);
	return message({
		min: PASSWORD_MIN_LENGTH,
		max: details?.max ?? 5,
		minutes: Math.max(1, Math.ceil(retryAfter / 60)),
		...details
	});
}
