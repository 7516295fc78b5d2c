/**
 * Work of other actors, done in SQL so the specs stay about the person in the browser: the
 * submit flow (a submitted application) and office staff (a release opening in a moment).
 */
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type postgres from 'postgres';

/** The date `days` from now in an office zone, and its ISO weekday. */
export function officeDate(days: number, timeZone: string) {
	const date = new Intl.DateTimeFormat('en-CA', { timeZone }).format(
		new Date(Date.now() + days * 86_400_000)
	);
	const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
	return { date, weekday };
}

/** A submitted application (ready to book) for the account's holder, Yohana Wenda. */
export async function submittedApplicationFor(sql: postgres.Sql, email: string) {
	const [user] = await sql<
		{ id: string }[]
	>`select id from users where lower(email) = ${email.toLowerCase()}`;
	const [applicant] = await sql<{ id: string }[]>`
		insert into applicants (account_id, is_account_holder, nik, full_name, birth_place, birth_date, sex,
			marital_status, occupation, province_code, regency, district, address, phone, mother_name, father_name)
		values (${user!.id}, true, '9171015506880003', 'Yohana Wenda', 'Jayapura', '1988-06-15', 'F',
			'single', 'Perawat', '91', 'Kota Jayapura', 'Jayapura Utara', 'Jl. Percetakan No. 7', '+6281234567891',
			'Maria Wenda', 'Yakob Wenda')
		returning id`;
	const id = randomUUID();
	const number = `E2E${Date.now()}`;
	await sql`
		insert into applications (id, account_id, applicant_id, number, status, form, submitted_at)
		values (${id}, ${user!.id}, ${applicant!.id}, ${number}, 'submitted',
			${sql.json({ service: 'reguler', passportType: 'elektronik', applicationType: 'baru', validityYears: 10 })},
			now())`;
	return { id, number };
}

/**
 * A release of one date at Kantor Imigrasi Jayapura (WIT), `daysAhead` from today, opening
 * `inSeconds` from now, with one slot of electronic regular passports per time range.
 */
export async function releaseOpeningSoon(
	sql: postgres.Sql,
	options: {
		label: string;
		inSeconds: number;
		daysAhead: number;
		times: [start: string, end: string][];
		capacity: number;
	}
) {
	const [office] = await sql<{ id: string }[]>`select id from offices where code = 'DJJ'`;
	const { date } = officeDate(options.daysAhead, 'Asia/Jayapura');
	const opensAt = new Date(Date.now() + options.inSeconds * 1000);
	const [release] = await sql<{ id: string }[]>`
		insert into quota_releases (office_id, label, first_date, last_date, opens_at)
		values (${office!.id}, ${options.label}, ${date}, ${date}, ${opensAt})
		returning id`;
	for (const [start, end] of options.times) {
		await sql`
			insert into slots (office_id, release_id, date, start_time, end_time, starts_at, ends_at,
				passport_type, service, capacity)
			values (${office!.id}, ${release!.id}, ${date}, ${start}, ${end},
				(${date}::date + ${start}::time) at time zone 'Asia/Jayapura',
				(${date}::date + ${end}::time) at time zone 'Asia/Jayapura',
				'elektronik', 'reguler', ${options.capacity})`;
	}
	return { releaseId: release!.id, date };
}

/** No serious or critical WCAG 2 A/AA violations on the page as it is now. */
export async function expectAccessible(page: Page, label: string) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	const serious = results.violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(serious, `axe on ${label}: ${serious.map((v) => v.id).join(', ')}`).toEqual([]);
}
