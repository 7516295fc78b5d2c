import { and, eq, isNull } from 'drizzle-orm';
import { isOfficeRole, type Role } from '../../domain/staff-roles';
import type { Db } from '../db/client';
import { applications, bookings, letters, receipts } from '../db/schema';

type Viewer = { id: string; role: Role; officeId: string | null };

export type LetterAnswer =
	| { kind: 'pdf'; pdf: Uint8Array; applicationNumber: string }
	| { kind: 'not_found' }
	| { kind: 'not_ready' };

/**
 * The Surat Pengantar of a booking, for the applicant who owns it and for staff of the
 * booking's office; anyone else is told it does not exist. Only the letter of the booking's
 * live receipt is served: a rescheduled booking's old letter is gone with its receipt.
 */
export async function letterFor(db: Db, viewer: Viewer, bookingId: string): Promise<LetterAnswer> {
	const [booking] = await db
		.select({
			accountId: bookings.accountId,
			officeId: bookings.officeId,
			number: applications.number
		})
		.from(bookings)
		.innerJoin(applications, eq(applications.id, bookings.applicationId))
		.where(eq(bookings.id, bookingId));
	if (!booking) return { kind: 'not_found' };
	const allowed =
		(viewer.role === 'applicant' && booking.accountId === viewer.id) ||
		(isOfficeRole(viewer.role) && viewer.officeId !== null && booking.officeId === viewer.officeId);
	if (!allowed) return { kind: 'not_found' };
	const [receipt] = await db
		.select({ id: receipts.id, pdf: letters.pdf })
		.from(receipts)
		.leftJoin(letters, eq(letters.receiptId, receipts.id))
		.where(and(eq(receipts.bookingId, bookingId), isNull(receipts.revokedAt)));
	if (!receipt) return { kind: 'not_found' };
	if (!receipt.pdf) return { kind: 'not_ready' };
	return { kind: 'pdf', pdf: new Uint8Array(receipt.pdf), applicationNumber: booking.number ?? '' };
}
