import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { loginSchema, registerSchema, resetPasswordSchema } from '../../domain/account';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { AppError } from '../errors';
import { enqueueMail } from '../queues/mail';
import {
	alreadyRegisteredMail,
	passwordChangedMail,
	passwordResetMail,
	verificationMail,
	type MailLocale
} from '../mail/templates';
import { consumeEmailCode, issueEmailCode } from './email-codes';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password';
import { consume, reset } from './rate-limits';
import { revokeAllSessions } from './sessions';

export interface RequestMeta {
	ip: string;
	locale: MailLocale;
}

type RegisterInput = z.output<ReturnType<typeof registerSchema>>;
type LoginInput = z.output<typeof loginSchema>;
type ResetInput = z.output<typeof resetPasswordSchema>;

async function findUserByEmail(db: Db, email: string) {
	const [user] = await db
		.select()
		.from(users)
		.where(eq(sql`lower(${users.email})`, email.toLowerCase()));
	return user;
}

/**
 * Always answers the same way, whether or not the email is taken, so the form cannot be used
 * to learn who has an account; the owner of a taken address is told by email instead.
 */
export async function register(db: Db, input: RegisterInput, meta: RequestMeta): Promise<void> {
	await consume('registerByIp', meta.ip);
	const passwordHash = await hashPassword(input.password);
	const existing = await findUserByEmail(db, input.email);

	if (existing?.emailVerifiedAt) {
		await enqueueMail(alreadyRegisteredMail(existing.email, existing.fullName, meta.locale));
		return;
	}
	let userId: string;
	if (existing) {
		// An unverified account can be claimed again: the owner may have lost the first code.
		await db
			.update(users)
			.set({
				fullName: input.fullName,
				phone: input.phone,
				birthDate: input.birthDate,
				passwordHash,
				locale: meta.locale,
				updatedAt: new Date()
			})
			.where(eq(users.id, existing.id));
		userId = existing.id;
	} else {
		try {
			const [created] = await db
				.insert(users)
				.values({
					email: input.email,
					fullName: input.fullName,
					phone: input.phone,
					birthDate: input.birthDate,
					passwordHash,
					locale: meta.locale
				})
				.returning({ id: users.id });
			userId = created!.id;
		} catch (error) {
			if (isUniqueViolation(error)) return; // a simultaneous registration won the race
			throw error;
		}
	}
	const code = await issueEmailCode(db, userId, 'verify_email');
	await enqueueMail(verificationMail(input.email, input.fullName, code, meta.locale));
}

export async function resendVerification(db: Db, email: string, meta: RequestMeta) {
	await consume('codeSendByEmail', email);
	const user = await findUserByEmail(db, email);
	if (!user || user.emailVerifiedAt) return;
	const code = await issueEmailCode(db, user.id, 'verify_email');
	await enqueueMail(verificationMail(user.email, user.fullName, code, meta.locale));
}

/** Returns the verified user's id; the caller opens a session. */
export async function verifyEmail(
	db: Db,
	input: { email: string; code: string },
	meta: RequestMeta
): Promise<string> {
	await consume('codeEntryByIp', meta.ip);
	await consume('codeEntryByEmail', input.email);
	const user = await findUserByEmail(db, input.email);
	if (!user) throw new AppError('code_invalid');
	if (user.emailVerifiedAt) throw new AppError('code_expired');
	await consumeEmailCode(db, user.id, 'verify_email', input.code);
	await db
		.update(users)
		.set({ emailVerifiedAt: new Date(), updatedAt: new Date() })
		.where(eq(users.id, user.id));
	return user.id;
}

export type LoginResult = { status: 'ok'; userId: string } | { status: 'needs_verification' };

export async function login(db: Db, input: LoginInput, meta: RequestMeta): Promise<LoginResult> {
	await consume('loginByIp', meta.ip);
	await consume('loginByEmail', input.email);
	const user = await findUserByEmail(db, input.email);
	const valid = user
		? await verifyPassword(user.passwordHash, input.password)
		: await verifyAgainstDecoy(input.password);
	if (!user || !valid) throw new AppError('login_failed', 'UNAUTHORIZED');

	await reset('loginByEmail', input.email);
	// Told only to someone who knows the password, so it reveals nothing to a guesser.
	if (user.deactivatedAt) throw new AppError('account_deactivated', 'FORBIDDEN');
	if (!user.emailVerifiedAt) {
		await resendVerification(db, user.email, meta);
		return { status: 'needs_verification' };
	}
	return { status: 'ok', userId: user.id };
}

export async function requestPasswordReset(db: Db, email: string, meta: RequestMeta) {
	await consume('codeEntryByIp', meta.ip);
	await consume('codeSendByEmail', email);
	const user = await findUserByEmail(db, email);
	if (!user) return;
	const code = await issueEmailCode(db, user.id, 'reset_password');
	await enqueueMail(passwordResetMail(user.email, user.fullName, code, meta.locale));
}

export async function resetPassword(db: Db, input: ResetInput, meta: RequestMeta): Promise<void> {
	await consume('codeEntryByIp', meta.ip);
	await consume('codeEntryByEmail', input.email);
	const user = await findUserByEmail(db, input.email);
	if (!user) throw new AppError('code_invalid');
	await consumeEmailCode(db, user.id, 'reset_password', input.code);
	await setPassword(db, user, input.newPassword, meta.locale);
	// Receiving the code proves the address, so a reset also completes verification.
	if (!user.emailVerifiedAt) {
		await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
	}
}

export async function changePassword(
	db: Db,
	userId: string,
	input: { currentPassword: string; newPassword: string },
	meta: RequestMeta
): Promise<void> {
	await consume('loginByIp', meta.ip);
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user) throw new AppError('unauthorized', 'UNAUTHORIZED');
	if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
		throw new AppError('current_password_wrong');
	}
	await setPassword(db, user, input.newPassword, meta.locale);
}

async function setPassword(
	db: Db,
	user: { id: string; email: string; fullName: string },
	newPassword: string,
	locale: MailLocale
) {
	const passwordHash = await hashPassword(newPassword);
	const now = new Date();
	await db
		.update(users)
		.set({ passwordHash, passwordChangedAt: now, updatedAt: now })
		.where(eq(users.id, user.id));
	await revokeAllSessions(db, user.id);
	await enqueueMail(passwordChangedMail(user.email, user.fullName, locale));
}
