import { addDays, format, parseISO } from 'date-fns';
import { officeInstant, officeLocalDate } from './office-time';

/**
 * May an applicant move their appointment? Only a paid booking, only once per application, and
 * at the latest on the day before the appointment (H-1) — judged by the office's own calendar
 * (WIB, WITA or WIT), not the reader's: 23:59 on H-1 at the office is still allowed, 00:00 on
 * the appointment day is not. Staff's special reschedule is not bound by this rule.
 */

/** How many applicant reschedules an application may have. */
export const RESCHEDULES_PER_APPLICATION = 1;

export type RescheduleRefusal = 'reschedule_not_paid' | 'reschedule_used' | 'reschedule_too_late';

export interface RescheduleQuestion {
	/** The booking's status (held, paid, expired, …). */
	status: string;
	/** Applicant reschedules the application already had. */
	reschedulesSoFar: number;
	/** The appointment's office-local date, YYYY-MM-DD. */
	appointmentDate: string;
	/** The office's IANA zone. */
	timeZone: string;
	now: Date;
}

export interface RescheduleWindow {
	/** The last office-local date on which a reschedule is allowed (H-1). */
	lastDay: string;
	/** The first instant at which it is refused: 00:00 of the appointment day at the office. */
	closesAt: Date;
}

export type RescheduleVerdict =
	| ({ allowed: true } & RescheduleWindow)
	| ({ allowed: false; reason: RescheduleRefusal } & RescheduleWindow);

/** The day before a calendar date. */
export function dayBefore(date: string): string {
	return format(addDays(parseISO(date), -1), 'yyyy-MM-dd');
}

export function rescheduleWindow(appointmentDate: string, timeZone: string): RescheduleWindow {
	return {
		lastDay: dayBefore(appointmentDate),
		closesAt: officeInstant(appointmentDate, '00:00', timeZone)
	};
}

export function mayReschedule(question: RescheduleQuestion): RescheduleVerdict {
	const window = rescheduleWindow(question.appointmentDate, question.timeZone);
	const refuse = (reason: RescheduleRefusal): RescheduleVerdict => ({
		allowed: false,
		reason,
		...window
	});
	if (question.status !== 'paid') return refuse('reschedule_not_paid');
	if (question.reschedulesSoFar >= RESCHEDULES_PER_APPLICATION) return refuse('reschedule_used');
	// Dates as YYYY-MM-DD compare in calendar order.
	if (officeLocalDate(question.now, question.timeZone) >= question.appointmentDate)
		return refuse('reschedule_too_late');
	return { allowed: true, ...window };
}
