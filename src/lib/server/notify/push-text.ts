import { noticeText, noticeTitle } from '../../notice-words';
import type { PushNotice } from './push-once';
import type { PushPayload } from './push-sender';
import { officeTimeText } from './mail';

/** A stored notice as a push: the same words as the in-app list, in the reader's language. */
export function noticePush(notice: PushNotice): PushPayload {
	const params = notice.params as unknown as Partial<Record<string, string>>;
	const at = (iso: string | undefined) =>
		iso ? officeTimeText(iso, notice.params.timeZone, notice.locale) : '';
	return {
		title: noticeTitle(notice.kind, params, notice.locale),
		body: noticeText(notice.kind, params, at, notice.locale),
		link: notice.link,
		tag: notice.id
	};
}
