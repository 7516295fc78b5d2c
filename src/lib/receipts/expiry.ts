import { addDays, format, parseISO } from 'date-fns';
import { officeInstant } from '../domain/office-time';

/**
 * A receipt is good through its appointment day and no longer: it expires at midnight that
 * ends the day in the office's own zone (a Jayapura appointment ends two hours before a
 * Jakarta one).
 */
export function receiptExpiry(appointmentDate: string, timeZone: string): Date {
	const nextDay = format(addDays(parseISO(appointmentDate), 1), 'yyyy-MM-dd');
	return officeInstant(nextDay, '00:00', timeZone);
}
