import { createCallerFactory, router } from './init';
import { applicantsRouter } from './routers/applicants';
import { authRouter } from './routers/auth';
import { bookingRouter } from './routers/booking';
import { adminRouter, officeRouter } from './routers/office';
import { quotaRouter } from './routers/quota';
import { waitingRoomRouter } from './routers/waiting-room';

export const appRouter = router({
	auth: authRouter,
	applicants: applicantsRouter,
	office: officeRouter,
	admin: adminRouter,
	quota: quotaRouter,
	booking: bookingRouter,
	waitingRoom: waitingRoomRouter
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
