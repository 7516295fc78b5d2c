import { createCallerFactory, router } from './init';
import { applicantsRouter } from './routers/applicants';
import { authRouter } from './routers/auth';
import { documentsRouter } from './routers/documents';
import { adminRouter, officeRouter } from './routers/office';
import { syncRouter } from './routers/sync';

export const appRouter = router({
	auth: authRouter,
	applicants: applicantsRouter,
	documents: documentsRouter,
	office: officeRouter,
	admin: adminRouter,
	sync: syncRouter
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
