import { TRPCError } from '@trpc/server';

type TrpcCode = ConstructorParameters<typeof TRPCError>[0]['code'];

/**
 * An expected refusal. `key` is a message key the browser translates (messages/*.json,
 * prefixed `err_`); it is safe to show and never carries personal data.
 */
export class AppError extends TRPCError {
	constructor(
		readonly key: string,
		code: TrpcCode = 'BAD_REQUEST',
		readonly details?: Record<string, unknown>
	) {
		super({ code, message: key });
		this.name = 'AppError';
	}
}
