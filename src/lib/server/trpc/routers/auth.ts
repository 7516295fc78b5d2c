import { z } from 'zod';
import {
	changePasswordSchema,
	emailSchema,
	loginSchema,
	registerSchema,
	resetPasswordSchema,
	verifyEmailSchema
} from '../../../domain/account';
import {
	changePassword,
	login,
	register,
	requestPasswordReset,
	resendVerification,
	resetPassword,
	verifyEmail
} from '../../auth/accounts';
import { createSession, revokeSession } from '../../auth/sessions';
import { todayInWib } from '../../clock';
import type { Context } from '../context';
import { publicProcedure, router, signedInProcedure } from '../init';

async function openSession(ctx: Context, userId: string) {
	const { token, expiresAt } = await createSession(
		ctx.db,
		userId,
		{ idleDays: ctx.config.SESSION_IDLE_DAYS, absoluteDays: ctx.config.SESSION_ABSOLUTE_DAYS },
		{ ip: ctx.ip }
	);
	ctx.setSessionCookie(token, expiresAt);
}

const meta = (ctx: Context) => ({ ip: ctx.ip, locale: ctx.locale });

export const authRouter = router({
	me: publicProcedure.query(({ ctx }) => ctx.session?.user ?? null),

	register: publicProcedure.input(registerSchema(todayInWib)).mutation(async ({ ctx, input }) => {
		await register(ctx.db, input, meta(ctx));
		return { ok: true as const };
	}),

	resendVerification: publicProcedure
		.input(z.object({ email: emailSchema }))
		.mutation(async ({ ctx, input }) => {
			await resendVerification(ctx.db, input.email, meta(ctx));
			return { ok: true as const };
		}),

	verifyEmail: publicProcedure.input(verifyEmailSchema).mutation(async ({ ctx, input }) => {
		const userId = await verifyEmail(ctx.db, input, meta(ctx));
		await openSession(ctx, userId);
		return { ok: true as const };
	}),

	login: publicProcedure.input(loginSchema).mutation(async ({ ctx, input }) => {
		const result = await login(ctx.db, input, meta(ctx));
		if (result.status === 'ok') await openSession(ctx, result.userId);
		return { status: result.status };
	}),

	logout: publicProcedure.mutation(async ({ ctx }) => {
		if (ctx.session) await revokeSession(ctx.db, ctx.session.tokenHash);
		ctx.clearSessionCookie();
		return { ok: true as const };
	}),

	requestPasswordReset: publicProcedure
		.input(z.object({ email: emailSchema }))
		.mutation(async ({ ctx, input }) => {
			await requestPasswordReset(ctx.db, input.email, meta(ctx));
			return { ok: true as const };
		}),

	resetPassword: publicProcedure.input(resetPasswordSchema).mutation(async ({ ctx, input }) => {
		await resetPassword(ctx.db, input, meta(ctx));
		ctx.clearSessionCookie();
		return { ok: true as const };
	}),

	changePassword: signedInProcedure.input(changePasswordSchema).mutation(async ({ ctx, input }) => {
		await changePassword(ctx.db, ctx.user.id, input, meta(ctx));
		// Every session was revoked; this device gets a fresh one so it stays signed in.
		await openSession(ctx, ctx.user.id);
		return { ok: true as const };
	})
});
