import { describe, expect, it } from 'vitest';
import { announcementOf, decisionsIn } from '../../../src/lib/server/booking/announcement';
import type { Decision } from '../../../src/lib/server/booking/decide';

const booked: Decision = {
	attemptId: 'a1',
	outcome: 'booked',
	refusal: null,
	bookings: [
		{ id: 'b1', applicationId: 'p1', slotId: 's1', expiresAt: new Date('2026-12-07T06:00:00Z') }
	]
};
const refused: Decision = {
	attemptId: 'a2',
	outcome: 'refused',
	refusal: 'slot_full',
	bookings: []
};

describe('decision announcements', () => {
	it('carry a batch of decisions, deadlines as dates again', () => {
		expect(decisionsIn(announcementOf([booked, refused]))).toEqual([booked, refused]);
	});

	it('still read the one decision per message of workers before batching', () => {
		expect(decisionsIn(JSON.stringify(booked))).toEqual([booked]);
	});
});
