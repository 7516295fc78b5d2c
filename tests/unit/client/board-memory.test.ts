import { describe, expect, it } from 'vitest';
import { keptBoardFor } from '../../../src/lib/client/kiosk/board-memory';

const board = {
	version: 7,
	date: '2026-11-25',
	serving: [{ label: 'A-001', counterNumber: 4 }],
	next: ['A-002'],
	waiting: 1
};

describe('the board a kiosk kept', () => {
	it('is shown again on the same office day', () => {
		const raw = JSON.stringify({ board, heardAt: 1_764_050_000_000 });
		expect(keptBoardFor(raw, '2026-11-25')).toEqual({ board, heardAt: 1_764_050_000_000 });
	});

	it('is dropped on another day, so yesterday’s numbers never greet the morning', () => {
		const raw = JSON.stringify({ board, heardAt: 1_764_050_000_000 });
		expect(keptBoardFor(raw, '2026-11-26')).toBeNull();
	});

	it('is dropped when missing, damaged or of another shape', () => {
		expect(keptBoardFor(null, '2026-11-25')).toBeNull();
		expect(keptBoardFor('{not json', '2026-11-25')).toBeNull();
		expect(keptBoardFor(JSON.stringify({ board }), '2026-11-25')).toBeNull();
		expect(
			keptBoardFor(JSON.stringify({ board: { date: '2026-11-25' }, heardAt: 1 }), '2026-11-25')
		).toBeNull();
	});
});
