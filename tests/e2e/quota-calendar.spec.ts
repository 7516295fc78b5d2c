/**
 * The staff's quota calendar: today's cell counts a held seat apart from a paid one, and the
 * day's detail lists them per slot, on a phone and on a tablet.
 */
import postgres from 'postgres';
import { expect, test } from './fixtures';
import { expectAccessible } from './booking-fixtures';
import { INDONESIAN_PHONE, logIn, open, PASSWORD } from './helpers';
import { bookingToday, officeWithStaff, today } from './office-fixtures';
import { e2eServerInfo } from './server-info';

test.use(INDONESIAN_PHONE);

let sql: postgres.Sql;

test.beforeAll(() => {
	sql = postgres(e2eServerInfo().databaseUrl, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
	await sql?.end();
});

test('the calendar shows a held seat apart from a paid one, per day and per slot', async ({
	page
}, testInfo) => {
	// Quota is the office admin's page.
	const office = await officeWithStaff(sql, 'office_admin');
	await bookingToday(sql, office.id, 'Rina Marlina', 'paid');
	await bookingToday(sql, office.id, 'Dedi Kurnia', 'held');

	await logIn(page, office.email, PASSWORD);
	await expect(page).toHaveURL(/\/office/);
	await open(page, '/office/quota');

	const cell = page.locator(`button[data-date="${today()}"]`);
	await expect(cell).toHaveAccessibleName(/2 kursi, 1 dibayar, 1 ditahan, 0 sisa$/);
	await expect(cell).toContainText('sisa 0');
	// A phone has no room for the words: the held count shows on its own.
	await expect(cell.locator('.held-pill')).toHaveText('1');
	await expect(cell.locator('.held-pill')).toBeVisible();
	const calendar = page.locator('section[aria-labelledby="quota-calendar"]');
	await calendar.screenshot({ path: testInfo.outputPath('quota-calendar-phone.png') });

	await cell.click();
	await expect(cell).toHaveAttribute('aria-pressed', 'true');
	const slots = page.getByTestId('calendar-slots').locator('tbody tr');
	await expect(slots).toHaveCount(2);
	// Each booking has a slot of its own with one seat: the paid one, then the held one.
	await expect(slots.nth(0).locator('td.n')).toHaveText(['1', '1', '0', '0']);
	await expect(slots.nth(1).locator('td.n')).toHaveText(['1', '0', '1', '0']);
	await expect(
		page.getByTestId('calendar-kinds').locator('tbody tr').first().locator('td.n')
	).toHaveText(['2', '1', '1', '0']);
	await calendar.screenshot({ path: testInfo.outputPath('quota-calendar-phone-day.png') });
	await expectAccessible(page, 'quota calendar');

	await page.setViewportSize({ width: 820, height: 1180 });
	// On a tablet the cell says how many seats are held as well.
	await expect(cell).toContainText('1 ditahan');
	await calendar.screenshot({ path: testInfo.outputPath('quota-calendar-tablet.png') });

	// The next month has none of today's slots; the way back shows them again.
	await page.getByRole('link', { name: 'Bulan berikutnya' }).click();
	await expect(page.locator(`button[data-date="${today()}"]`)).toHaveCount(0);
	await page.getByRole('link', { name: 'Bulan sebelumnya' }).click();
	await expect(page.locator(`button[data-date="${today()}"]`)).toContainText('1 ditahan');
});
