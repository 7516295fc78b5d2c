import { calendarDateIn, DEFAULT_TIME_ZONE } from '../domain/time-zones';

/** Today's date as the age rules read it (WIB), from the device's clock. */
export function todayOnDevice(): string {
	return calendarDateIn(new Date(), DEFAULT_TIME_ZONE);
}
