import { createCallerFactory, router } from './init';
import { applicantsRouter } from './routers/applicants';
import { authRouter } from './routers/auth';
import { adminRouter, officeRouter } from './routers/office';

export const appRouter = router({
	auth: authRouter,
	applicants: applicantsRouter,
	office: officeRouter,
	admin: adminRouter
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
