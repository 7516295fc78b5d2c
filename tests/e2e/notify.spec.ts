/**
 * Office information and "tell me when quota opens" in a browser: an applicant reads an
 * office's page and subscribes; the office's staff schedule a release through their quota
 * page; the notice arrives in the dev mailbox and the in-app list, and leads to the waiting
 * room; the email's unsubscribe link works without signing in.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import postgres from 'postgres';
import { hashPassword } from '../../src/lib/server/auth/password';
import { INDONESIAN_PHONE, logIn, open, PASSWORD, registerAndVerify } from './helpers';
import { e2eServerInfo } from './server-info';

test.use(INDONESIAN_PHONE);
test.describe.configure({ mode: 'serial' });

const OFFICE = 'Kantor Imigrasi Kelas I TPI Padang';

let sql: postgres.Sql;

test.beforeAll(() => {
	sql = postgres(e2eServerInfo().databaseUrl, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
	await sql?.end();
});

function officeDate(days: number, timeZone: string) {
	const date = new Intl.DateTimeFormat('en-CA', { timeZone }).format(
		new Date(Date.now() + days * 86_400_000)
	);
	const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
	return { date, weekday };
}

/** A signed-in office admin (quota and office page are theirs), in a browser context of their own. */
async function staffPage(browser: Browser, code: string): Promise<Page> {
	const [office] = await sql<{ id: string }[]>`select id from offices where code = ${code}`;
	const email = `petugas.${code.toLowerCase()}.${Date.now()}@example.id`;
	await sql`
		insert into users (email, full_name, phone, password_hash, role, office_id, email_verified_at)
		values (${email}, 'Petugas Padang', '+6281100000003', ${await hashPassword(PASSWORD)}, 'office_admin',
			${office!.id}, now())`;
	const page = await (await browser.newContext(INDONESIAN_PHONE)).newPage();
	await logIn(page, email, PASSWORD);
	await expect(page).toHaveURL(/\/office/);
	return page;
}

async function expectAccessible(page: Page, label: string) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	const serious = results.violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(serious, `axe on ${label}: ${serious.map((v) => v.id).join(', ')}`).toEqual([]);
}

async function waitForServiceWorkerControl(page: Page) {
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), {
			message: 'a service worker controls the page',
			timeout: 20_000
		})
		.toBe('activated');
}

/** The newest mail to `email` whose subject contains `subject`, read from the dev mailbox. */
async function mailBody(page: Page, email: string, subject: string): Promise<string> {
	const mailbox = await page.context().newPage();
	try {
		let body = '';
		await expect
			.poll(
				async () => {
					await mailbox.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
					const mail = mailbox.getByTestId('dev-mail').filter({ hasText: subject }).first();
					body = (await mail.count()) ? ((await mail.locator('pre').textContent()) ?? '') : '';
					return body;
				},
				{ message: `mail "${subject}" to ${email}`, timeout: 20_000, intervals: [250, 500, 1000] }
			)
			.not.toBe('');
		return body;
	} finally {
		await mailbox.close();
	}
}

test('subscribe to an office, hear of its new release by mail and in the app, and unsubscribe', async ({
	page,
	browser
}) => {
	const account = await registerAndVerify(page, { fullName: 'Rina Marlina' });

	await test.step('read the office page and subscribe', async () => {
		await open(page, '/offices');
		await page.getByRole('link', { name: OFFICE }).click();
		await expect(page.getByRole('heading', { level: 1, name: OFFICE })).toBeVisible();
		await expect(page.getByText('Jl. Khatib Sulaiman No. 50')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Lihat di peta (OpenStreetMap)' })).toHaveAttribute(
			'href',
			/^https:\/\/www\.openstreetmap\.org\/search\?query=/
		);
		await expect(page.getByRole('heading', { name: 'Jam layanan (WIB)' })).toBeVisible();
		await expect(page.getByRole('row', { name: /Jumat 08:00–16:30/ })).toBeVisible();
		await expect(page.getByText('Belum ada jadwal pembukaan kuota.')).toBeVisible();
		await expectAccessible(page, 'office page');
		await page.getByLabel('Jenis paspor', { exact: true }).selectOption({ value: '' });
		await page.getByRole('button', { name: 'Beri tahu saya' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: `Anda akan diberi tahu saat kuota ${OFFICE}` })
		).toBeVisible();
	});

	await test.step('the office staff schedule a release on their quota page', async () => {
		const staff = await staffPage(browser, 'PDG');
		await staff.getByRole('link', { name: 'Atur kuota dan jadwal' }).click();
		const { date, weekday } = officeDate(5, 'Asia/Jakarta');
		const weekdayNames = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
		await staff.getByLabel('Hari').selectOption({ label: weekdayNames[weekday - 1]! });
		await staff.getByLabel('Kursi').fill('10');
		await staff.getByRole('button', { name: 'Simpan baris jadwal' }).click();
		await expect(staff.getByRole('status').filter({ hasText: 'Tersimpan.' })).toBeVisible();
		await staff.getByLabel('Nama rilis').fill('Kuota Uji Notifikasi');
		await staff.getByLabel('Tanggal pertama').fill(date);
		await staff.getByLabel('Tanggal terakhir').fill(date);
		await staff.getByLabel('Tanggal dibuka').fill(officeDate(1, 'Asia/Jakarta').date);
		await staff.getByRole('button', { name: 'Buat rilis dan slot' }).click();
		await expect(staff.getByRole('status').filter({ hasText: 'Rilis dibuat' })).toBeVisible();
		await staff.context().close();
	});

	const [release] = await sql<{ id: string }[]>`
		select id from quota_releases where label = 'Kuota Uji Notifikasi'`;
	const roomPath = `/booking/room/${release!.id}`;
	let unsubscribeUrl = '';

	await test.step('the notice is in the dev mailbox, with the waiting-room link', async () => {
		const body = await mailBody(page, account.email, `Kuota baru di ${OFFICE}`);
		expect(body).toContain('Kuota Uji Notifikasi');
		expect(body).toContain(`${roomPath}`);
		expect(body).toMatch(/dibuka .* 09\.00 WIB/);
		unsubscribeUrl = /https?:\/\/\S+\/unsubscribe\?\S+/.exec(body)?.[0] ?? '';
		expect(unsubscribeUrl).not.toBe('');
	});

	await test.step('the notice is in the in-app list', async () => {
		await open(page, '/dashboard');
		await page.getByRole('link', { name: 'Pemberitahuan' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Pemberitahuan' })).toBeVisible();
		const notice = page.getByTestId('notices').getByRole('listitem');
		await expect(notice).toHaveCount(1);
		await expect(notice).toContainText(`Kuota baru di ${OFFICE}`);
		await expect(notice).toContainText('"Kuota Uji Notifikasi" · ruang tunggu dibuka');
		await expectAccessible(page, 'notification list');
	});

	await test.step('with no signal, after a reload, the list is still there', async () => {
		await waitForServiceWorkerControl(page);
		await page.context().setOffline(true);
		await page.reload();
		await expect(
			page.getByText('Anda sedang luring. Ini pemberitahuan yang tersimpan di perangkat ini.')
		).toBeVisible();
		await expect(page.getByTestId('notices').getByRole('listitem')).toContainText(
			`Kuota baru di ${OFFICE}`
		);
		await page.context().setOffline(false);
	});

	await test.step('the notice leads into the waiting room', async () => {
		await page.reload();
		const notice = page.getByTestId('notices').getByRole('listitem');
		await notice.getByRole('link', { name: 'Masuk ruang tunggu' }).click();
		await expect(page).toHaveURL(new RegExp(`${roomPath}$`));
	});

	await test.step('the email link unsubscribes without signing in', async () => {
		const stranger = await (await browser.newContext(INDONESIAN_PHONE)).newPage();
		await stranger.goto(unsubscribeUrl);
		await expect(
			stranger.getByText('Berhenti menerima pemberitahuan kuota dari kantor ini?')
		).toBeVisible();
		await expectAccessible(stranger, 'unsubscribe page');
		// Opening the link alone changes nothing; the button does.
		const [before] = await sql<{ n: number }[]>`
			select count(*)::int as n from quota_subscriptions s join users u on u.id = s.user_id
			where u.email = ${account.email.toLowerCase()}`;
		expect(before!.n).toBe(1);
		await stranger.getByRole('button', { name: 'Berhenti berlangganan' }).click();
		await expect(
			stranger
				.getByRole('status')
				.filter({ hasText: `tidak akan lagi menerima pemberitahuan kuota dari ${OFFICE}` })
		).toBeVisible();
		const [after] = await sql<{ n: number }[]>`
			select count(*)::int as n from quota_subscriptions s join users u on u.id = s.user_id
			where u.email = ${account.email.toLowerCase()}`;
		expect(after!.n).toBe(0);
		await stranger.context().close();
	});
});

test('office staff edit their office information and the public page shows it', async ({
	browser
}) => {
	const staff = await staffPage(browser, 'PKU');
	await staff.getByRole('link', { name: 'Ubah informasi kantor' }).click();
	await expect(staff.getByRole('heading', { level: 1, name: 'Informasi kantor' })).toBeVisible();
	await expectAccessible(staff, 'office information form');
	await staff.getByLabel('WhatsApp').fill('0812 7777 8888');
	await staff.getByLabel('Telepon').fill('(0761) 21536');
	await staff.getByRole('checkbox', { name: 'Sabtu · Buka' }).check();
	await staff.locator('input[name="closes-6"]').fill('12:00');
	await staff.getByLabel('Instagram').fill('https://phishing.example/kanim');
	await staff.getByRole('button', { name: 'Simpan informasi kantor' }).click();
	await expect(
		staff.getByText('Tautan harus https dan menuju situs jejaring sosial tersebut.')
	).toBeVisible();
	await staff.getByLabel('Instagram').fill('https://www.instagram.com/kanim.pekanbaru');
	await staff.getByRole('button', { name: 'Simpan informasi kantor' }).click();
	await expect(
		staff.getByRole('status').filter({ hasText: 'Informasi kantor tersimpan.' })
	).toBeVisible();

	await staff.getByRole('link', { name: 'Lihat halaman publik' }).click();
	await expect(staff.getByRole('link', { name: '+6281277778888' })).toHaveAttribute(
		'href',
		'https://wa.me/6281277778888'
	);
	await expect(staff.getByRole('link', { name: '+6276121536' })).toHaveAttribute(
		'href',
		'tel:+6276121536'
	);
	await expect(staff.getByRole('row', { name: /Sabtu 08:00–12:00/ })).toBeVisible();
	await expect(staff.getByRole('link', { name: 'Instagram' })).toHaveAttribute(
		'href',
		'https://www.instagram.com/kanim.pekanbaru'
	);
	await staff.context().close();
});
