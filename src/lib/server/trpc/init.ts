import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { isOfficeRole, managesOffice } from '../../domain/staff-roles';
import { AppError } from '../errors';
import type { Context } from './context';

/** Field → message keys, for forms to show each refusal next to its field. */
function fieldErrors(error: ZodError): Record<string, string[]> {
	const fields: Record<string, string[]> = {};
	for (const issue of error.issues) {
		const field = issue.path.join('.') || '_';
		(fields[field] ??= []).push(issue.message);
	}
	return fields;
}

const t = initTRPC.context<Context>().create({
	transformer: superjson,
	errorFormatter({ shape, error }) {
		const cause = error.cause;
		const appError = error instanceof AppError ? error : undefined;
		const isValidation = cause instanceof ZodError;
		// Unexpected errors never leak their text: the browser shows a generic translated line.
		const key = appError?.key ?? (isValidation ? 'form_has_errors' : undefined);
		return {
			...shape,
			message: key ?? 'unknown',
			data: {
				code: shape.data.code,
				httpStatus: shape.data.httpStatus,
				key: key ?? null,
				details: appError?.details ?? null,
				fieldErrors: isValidation ? fieldErrors(cause) : null
			}
		};
	}
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure;

export const signedInProcedure = t.procedure.use(({ ctx, next }) => {
	if (!ctx.session) throw new AppError('unauthorized', 'UNAUTHORIZED');
	return next({ ctx: { ...ctx, session: ctx.session, user: ctx.session.user } });
});

export const applicantProcedure = signedInProcedure.use(({ ctx, next }) => {
	if (ctx.user.role !== 'applicant') throw new AppError('forbidden', 'FORBIDDEN');
	return next();
});

/** Staff and office admins; the office is always the one on their account, never input. */
export const staffProcedure = signedInProcedure.use(({ ctx, next }) => {
	const { role, officeId } = ctx.user;
	if (!isOfficeRole(role) || !officeId) throw new AppError('forbidden', 'FORBIDDEN');
	return next({ ctx: { ...ctx, officeId } });
});

/** What only an office admin may do, for their own office. */
export const officeAdminProcedure = staffProcedure.use(({ ctx, next }) => {
	if (!managesOffice(ctx.user.role)) throw new AppError('forbidden', 'FORBIDDEN');
	return next();
});

export const adminProcedure = signedInProcedure.use(({ ctx, next }) => {
	if (ctx.user.role !== 'admin') throw new AppError('forbidden', 'FORBIDDEN');
	return next();
});
