import { randomInt } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { billingCodeFromPayload } from '../../domain/billing-code';
import { VALIDITY_YEARS, type ValidityYears } from '../../domain/application-form';
import { passportFee } from '../../domain/fees';
import { officeLocalDate } from '../../domain/office-time';
import { requestedKind } from '../../domain/passport-kinds';
import type { Db } from '../db/client';
import { applications, billingCodes, bookings, offices } from '../db/schema';
import { logger } from '../logger';

/** A random 15-digit code; uniqueness is the primary key's job (a clash draws again). */
function randomBillingCode(): string {
	const first = String(randomInt(1, 10));
	let rest = '';
	while (rest.length < 13) rest += String(randomInt(0, 10));
	return billingCodeFromPayload(first + rest);
}

function validityOf(form: Record<string, unknown>): ValidityYears | null {
	const value = form.validityYears;
	return (VALIDITY_YEARS as readonly unknown[]).includes(value) ? (value as ValidityYears) : null;
}

/**
 * Gives every held booking among `bookingIds` its billing code, once: the fee of the
 * application's passport from the fee table in force on the office-local day of the hold,
 * payable until the hold's deadline. Safe to repeat and to run concurrently.
 */
export async function ensureBillingCodes(db: Db, bookingIds: string[]): Promise<void> {
	if (bookingIds.length === 0) return;
	const rows = await db
		.select({
			bookingId: bookings.id,
			applicationId: bookings.applicationId,
			accountId: bookings.accountId,
			expiresAt: bookings.expiresAt,
			createdAt: bookings.createdAt,
			form: applications.form,
			timeZone: offices.timeZone,
			existing: billingCodes.code
		})
		.from(bookings)
		.innerJoin(applications, eq(applications.id, bookings.applicationId))
		.innerJoin(offices, eq(offices.id, bookings.officeId))
		.leftJoin(billingCodes, eq(billingCodes.bookingId, bookings.id))
		.where(
			and(inArray(bookings.id, bookingIds), eq(bookings.status, 'held'), isNull(billingCodes.code))
		);
	for (const row of rows) {
		const kind = requestedKind(row.form);
		const validityYears = validityOf(row.form);
		const fee =
			kind && validityYears
				? passportFee({ ...kind, validityYears }, officeLocalDate(row.createdAt, row.timeZone))
				: null;
		if (!fee) {
			// Submission checks the fee exists, so this is a data problem for the team, not the person.
			logger().error({ bookingId: row.bookingId }, 'no fee for a held booking');
			continue;
		}
		for (let tries = 0; tries < 5; tries++) {
			const inserted = await db
				.insert(billingCodes)
				.values({
					code: randomBillingCode(),
					bookingId: row.bookingId,
					applicationId: row.applicationId,
					accountId: row.accountId,
					amount: fee.total,
					regulation: fee.regulation,
					expiresAt: row.expiresAt
				})
				.onConflictDoNothing()
				.returning({ code: billingCodes.code });
			if (inserted.length > 0) break;
			// Either another process gave this booking its code, or the random code clashed.
			const [mine] = await db
				.select({ code: billingCodes.code })
				.from(billingCodes)
				.where(eq(billingCodes.bookingId, row.bookingId));
			if (mine) break;
		}
	}
}
