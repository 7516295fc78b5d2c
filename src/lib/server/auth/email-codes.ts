import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { EMAIL_CODE_LENGTH } from '../../domain/account';
import type { Db } from '../db/client';
import { emailCodes } from '../db/schema';
import { AppError } from '../errors';
import { numericCode, safeEqualHex, sha256 } from './tokens';

export type CodePurpose = 'verify_email' | 'reset_password';
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;

function codeHash(codeId: string, code: string): string {
	return sha256(`${codeId}:${code}`);
}

/** A new code replaces any earlier one of the same purpose: only the latest email works. */
export async function issueEmailCode(db: Db, userId: string, purpose: CodePurpose) {
	const code = numericCode(EMAIL_CODE_LENGTH);
	const id = crypto.randomUUID();
	await db.transaction(async (tx) => {
		await tx
			.update(emailCodes)
			.set({ usedAt: new Date() })
			.where(
				and(
					eq(emailCodes.userId, userId),
					eq(emailCodes.purpose, purpose),
					isNull(emailCodes.usedAt)
				)
			);
		await tx.insert(emailCodes).values({
			id,
			userId,
			purpose,
			codeHash: codeHash(id, code),
			expiresAt: new Date(Date.now() + CODE_TTL_MS)
		});
	});
	return code;
}

/** Single use, time limited, and a handful of guesses per code. Throws an AppError on refusal. */
export async function consumeEmailCode(
	db: Db,
	userId: string,
	purpose: CodePurpose,
	code: string
): Promise<void> {
	const [current] = await db
		.select()
		.from(emailCodes)
		.where(
			and(
				eq(emailCodes.userId, userId),
				eq(emailCodes.purpose, purpose),
				isNull(emailCodes.usedAt),
				gt(emailCodes.expiresAt, new Date())
			)
		)
		.orderBy(desc(emailCodes.createdAt))
		.limit(1);
	if (!current) throw new AppError('code_expired');
	if (current.attempts >= CODE_MAX_ATTEMPTS) throw new AppError('code_too_many_attempts');

	if (!safeEqualHex(current.codeHash, codeHash(current.id, code))) {
		await db
			.update(emailCodes)
			.set({ attempts: sql`${emailCodes.attempts} + 1` })
			.where(eq(emailCodes.id, current.id));
		throw new AppError(
			current.attempts + 1 >= CODE_MAX_ATTEMPTS ? 'code_too_many_attempts' : 'code_invalid'
		);
	}
	// The conditional update makes two simultaneous uses of one code succeed only once.
	const used = await db
		.update(emailCodes)
		.set({ usedAt: new Date() })
		.where(and(eq(emailCodes.id, current.id), isNull(emailCodes.usedAt)))
		.returning({ id: emailCodes.id });
	if (used.length === 0) throw new AppError('code_expired');
}
