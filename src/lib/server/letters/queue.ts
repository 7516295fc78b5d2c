import { Queue, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { isPassportService, isPassportType } from '../../domain/passport-kinds';
import { db as database } from '../db';
import type { Db } from '../db/client';
import {
	applicants,
	applications,
	bookings,
	letters,
	offices,
	receipts,
	slots
} from '../db/schema';
import { logger } from '../logger';
import { queueOptions } from '../queues/connection';
import { newRedisConnection } from '../redis';
import { renderLetter, type LetterFacts } from './render';

export const LETTERS_QUEUE = 'letters';

export interface LetterJob {
	bookingId: string;
	receiptId: string;
}

let queue: Queue<LetterJob> | undefined;

function lettersQueue(): Queue<LetterJob> {
	queue ??= new Queue<LetterJob>(LETTERS_QUEUE, {
		...queueOptions(),
		defaultJobOptions: {
			attempts: 8,
			backoff: { type: 'exponential', delay: 2_000 },
			removeOnComplete: { age: 3_600, count: 1_000 },
			removeOnFail: { age: 7 * 86_400 }
		}
	});
	return queue;
}

/** One letter per receipt: the job id makes a repeated confirmation queue it once. */
export async function enqueueLetter(job: LetterJob): Promise<void> {
	await lettersQueue().add('render', job, { jobId: `letter-${job.receiptId}` });
}

async function letterFacts(db: Db, job: LetterJob): Promise<LetterFacts | null> {
	const [row] = await db
		.select({
			token: receipts.token,
			revokedAt: receipts.revokedAt,
			issuedAt: receipts.issuedAt,
			applicantName: applicants.fullName,
			nik: applicants.nik,
			applicationNumber: applications.number,
			form: applications.form,
			passportType: slots.passportType,
			service: slots.service,
			officeName: offices.name,
			officeAddress: offices.address,
			timeZone: offices.timeZone,
			date: slots.date,
			startTime: slots.startTime,
			endTime: slots.endTime
		})
		.from(receipts)
		.innerJoin(bookings, eq(bookings.id, receipts.bookingId))
		.innerJoin(applications, eq(applications.id, bookings.applicationId))
		.innerJoin(applicants, eq(applicants.id, applications.applicantId))
		.innerJoin(offices, eq(offices.id, bookings.officeId))
		.innerJoin(slots, eq(slots.id, bookings.slotId))
		.where(eq(receipts.id, job.receiptId));
	// A receipt replaced before its letter was drawn needs no letter any more.
	if (!row || row.revokedAt) return null;
	if (!isPassportType(row.passportType) || !isPassportService(row.service)) return null;
	return {
		applicantName: row.applicantName,
		nik: row.nik,
		applicationNumber: row.applicationNumber ?? '',
		passportType: row.passportType,
		service: row.service,
		officeName: row.officeName,
		officeAddress: row.officeAddress,
		timeZone: row.timeZone,
		date: row.date,
		startTime: row.startTime,
		endTime: row.endTime,
		receiptToken: row.token,
		issuedAt: row.issuedAt
	};
}

/** Renders and stores a receipt's letter; a second run finds it stored and stops. */
export async function produceLetter(db: Db, job: LetterJob): Promise<'stored' | 'skipped'> {
	const [existing] = await db
		.select({ receiptId: letters.receiptId })
		.from(letters)
		.where(eq(letters.receiptId, job.receiptId));
	if (existing) return 'skipped';
	const facts = await letterFacts(db, job);
	if (!facts) return 'skipped';
	const pdf = await renderLetter(facts);
	await db
		.insert(letters)
		.values({ receiptId: job.receiptId, bookingId: job.bookingId, pdf })
		.onConflictDoNothing();
	return 'stored';
}

export function startLettersWorker(): Worker<LetterJob> {
	const connection = newRedisConnection();
	const worker = new Worker<LetterJob>(
		LETTERS_QUEUE,
		async (job) => produceLetter(await database(), job.data),
		// Rendering is CPU work; two at a time leaves the process room for requests.
		{ ...queueOptions(), connection, concurrency: 2 }
	);
	worker.on('closed', () => void connection.quit().catch(() => connection.disconnect()));
	worker.on('failed', (job, error) =>
		logger().warn({ jobId: job?.id, err: error.message }, 'letter rendering failed')
	);
	return worker;
}

export async function closeLettersQueue(): Promise<void> {
	await queue?.close();
	queue = undefined;
}
