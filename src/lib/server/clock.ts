import { calendarDateIn, DEFAULT_TIME_ZONE } from '../domain/time-zones';

export function todayInWib(): string {
	return calendarDateIn(new Date(), DEFAULT_TIME_ZONE);
}
