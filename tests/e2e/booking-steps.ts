/**
 * The applicant's usual way to a waiting room in the booking specs: a new verified account with
 * one submitted application, then the booking page's quota at Kantor Imigrasi Jayapura.
 */
import type { Page } from '@playwright/test';
import type postgres from 'postgres';
import { submittedApplicationFor } from './booking-fixtures';
import { newAccount, open, register, verifyFromMailbox } from './helpers';

/** Registers and verifies Yohana Wenda on `page`; her application is submitted in SQL. */
export async function applicantReadyToBook(page: Page, sql: postgres.Sql) {
	const account = newAccount({ fullName: 'Yohana Wenda' });
	await register(page, account);
	await verifyFromMailbox(page, account);
	const application = await submittedApplicationFor(sql, account.email);
	return { account, application };
}

/**
 * Chooses Kantor Imigrasi Jayapura on the booking page and enters the room of the release
 * labelled `label` (other specs' quota may be listed at the same office).
 */
export async function enterJayapuraRoom(page: Page, label: string) {
	await open(page, '/booking');
	await page
		.getByLabel('Kantor imigrasi', { exact: true })
		.selectOption({ label: 'Kantor Imigrasi Kelas I TPI Jayapura — Jayapura' });
	await page
		.getByRole('article', { name: `Kuota ${label}` })
		.getByRole('button', { name: 'Masuk ruang tunggu' })
		.click();
}
