import { describe, expect, it } from 'vitest';
import { pushLink, shownPush } from '../../src/lib/push-notification';

describe('what the service worker shows for a push', () => {
	it('shows the words and link the server sent', () => {
		const payload = {
			title: 'Kuota baru di Kanim Jakarta Selatan',
			body: 'Ruang tunggu dibuka Senin',
			link: '/booking/room/r1',
			tag: 'n1'
		};
		expect(shownPush(JSON.stringify(payload))).toEqual(payload);
	});

	it('shows a true fallback for an empty or unreadable payload', () => {
		for (const raw of [null, '', 'not json', '42', JSON.stringify({ body: 'no title' })])
			expect(shownPush(raw)).toMatchObject({ title: 'Lancar', link: '/notifications' });
	});

	it('never leads outside the site', () => {
		for (const link of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 7, null])
			expect(pushLink(link)).toBe('/notifications');
		expect(pushLink('/booking/manage/b1')).toBe('/booking/manage/b1');
		expect(shownPush(JSON.stringify({ title: 't', link: '//evil.example' })).link).toBe(
			'/notifications'
		);
	});
});
