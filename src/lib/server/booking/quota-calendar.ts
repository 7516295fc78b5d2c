import { sql } from 'drizzle-orm';
import { monthRange, type CalendarSlot, type Month } from '../../domain/quota-calendar';
import type { PassportService, PassportType } from '../../domain/passport-kinds';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';

/**
 * Every slot of one office in one office-local month with its seats, in one statement. Free
 * is what the slot itself counts as not taken (the same number booking decides on); paid
 * includes no-shows, whose seat stays spent; held is a hold whose payment is still open.
 */
export async function officeMonthSlots(
	db: Db,
	officeId: string,
	month: Month
): Promise<CalendarSlot[]> {
	const { first, last } = monthRange(month);
	const rows = await db.execute(sql`
		select s.date::text as date, s.start_time, s.end_time, s.passport_type, s.service, s.capacity,
			(s.capacity - s.booked)::int as free,
			count(b.id) filter (where b.status in ('paid', 'no_show'))::int as paid,
			count(b.id) filter (where b.status = 'held')::int as held
		from slots s
		left join bookings b on b.slot_id = s.id and b.status in ('held', 'paid', 'no_show')
		where s.office_id = ${officeId} and s.date between ${first} and ${last}
		group by s.id
		order by s.date, s.start_time, s.passport_type, s.service
	`);
	return rowsOf<{
		date: string;
		start_time: string;
		end_time: string;
		passport_type: PassportType;
		service: PassportService;
		capacity: number;
		free: number;
		paid: number;
		held: number;
	}>(rows).map((row) => ({
		date: row.date,
		startTime: row.start_time,
		endTime: row.end_time,
		passportType: row.passport_type,
		service: row.service,
		capacity: row.capacity,
		paid: row.paid,
		held: row.held,
		free: row.free
	}));
}
