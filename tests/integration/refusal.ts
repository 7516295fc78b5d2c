import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { ZodError } from 'zod';
import { AppError } from '../../src/lib/server/errors';

type Code = TRPCError['code'];

/** Asserts a procedure refused with this tRPC code and, for expected refusals, this message key. */
export async function expectRefusal(call: Promise<unknown>, code: Code, key?: string) {
	const error = await call.then(
		() => {
			throw new Error(`expected a ${code} refusal, but the call succeeded`);
		},
		(failure: unknown) => failure
	);
	expect(error).toBeInstanceOf(TRPCError);
	expect((error as TRPCError).code).toBe(code);
	if (key) expect(error instanceof AppError ? error.key : (error as Error).message).toBe(key);
	return error as TRPCError;
}

/** Asserts input validation refused the call, and returns the message keys per field. */
export async function expectInvalid(call: Promise<unknown>): Promise<Record<string, string[]>> {
	const error = await expectRefusal(call, 'BAD_REQUEST');
	expect(error.cause).toBeInstanceOf(ZodError);
	const fields: Record<string, string[]> = {};
	for (const issue of (error.cause as ZodError).issues) {
		(fields[issue.path.join('.')] ??= []).push(issue.message);
	}
	return fields;
}
