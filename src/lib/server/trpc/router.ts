import { createCallerFactory, router } from './init';
import { applicantsRouter } from './routers/applicants';
import { authRouter } from './routers/auth';
import { documentsRouter } from './routers/documents';
import { adminRouter, officeRouter } from './routers/office';

export const appRouter = router({
	auth: authRouter,
	applicants: applicantsRouter,
	documents: documentsRouter,
	office: officeRouter,
	admin: adminRouter
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
