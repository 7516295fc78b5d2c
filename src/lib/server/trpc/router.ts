import { createCallerFactory, router } from './init';
import { applicantsRouter } from './routers/applicants';
import { authRouter } from './routers/auth';
import { adminRouter, officeDirectoryRouter, officeRouter } from './routers/office';
import { officeFloorRouter } from './routers/office-floor';
import { bookingRouter } from './routers/booking';
import { documentsRouter } from './routers/documents';
import { notifyRouter } from './routers/notify';
import { paymentRouter } from './routers/payment';
import { quotaRouter } from './routers/quota';
import { inboxRouter, rescheduleRouter } from './routers/reschedule';
import { inviteRouter, staffRouter } from './routers/staff';
import { syncRouter } from './routers/sync';
import { waitingRoomRouter } from './routers/waiting-room';

export const appRouter = router({
	auth: authRouter,
	applicants: applicantsRouter,
	documents: documentsRouter,
	office: officeRouter,
	offices: officeDirectoryRouter,
	admin: adminRouter,
	sync: syncRouter,
	quota: quotaRouter,
	booking: bookingRouter,
	waitingRoom: waitingRoomRouter,
	payment: paymentRouter,
	reschedule: rescheduleRouter,
	inbox: inboxRouter,
	floor: officeFloorRouter,
	notify: notifyRouter,
	staff: staffRouter,
	invite: inviteRouter
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
