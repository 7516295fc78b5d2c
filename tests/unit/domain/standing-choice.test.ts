import { describe, expect, it } from 'vitest';
import {
	decodeChoice,
	encodeChoice,
	madeAttemptMark,
	MAX_CHOSEN_SLOTS,
	normalizedChoice
} from '../../../src/lib/domain/standing-choice';

const a = '7d3f5a0e-4a8b-4c47-9d59-2f1f3c5b0a01';
const b = '7d3f5a0e-4a8b-4c47-9d59-2f1f3c5b0a02';

describe('standing choices', () => {
	it('keeps the order of preference and drops repeats', () => {
		expect(normalizedChoice({ slotIds: [b, a, b], anySlot: false })).toEqual({
			slotIds: [b, a],
			anySlot: false
		});
	});

	it('reads a choice that asks for nothing as none, but any slot alone as a choice', () => {
		expect(normalizedChoice({ slotIds: [], anySlot: false })).toBeNull();
		expect(normalizedChoice({ slotIds: [], anySlot: true })).toEqual({
			slotIds: [],
			anySlot: true
		});
	});

	it(`refuses more than ${MAX_CHOSEN_SLOTS} slots`, () => {
		const many = Array.from({ length: MAX_CHOSEN_SLOTS + 1 }, () => crypto.randomUUID());
		expect(() => normalizedChoice({ slotIds: many, anySlot: true })).toThrow(RangeError);
	});

	it('survives its stored form, and an attempt mark is not a choice', () => {
		for (const choice of [
			{ slotIds: [a, b], anySlot: true },
			{ slotIds: [a], anySlot: false },
			{ slotIds: [], anySlot: true }
		]) {
			expect(decodeChoice(encodeChoice(choice))).toEqual(choice);
		}
		expect(decodeChoice(`@${a}`)).toBeNull();
		expect(decodeChoice('')).toBeNull();
	});

	it('reads the room’s mark of an attempt made for the choice, and nothing else', () => {
		expect(madeAttemptMark(`@${a}|17`)).toEqual({ attemptId: a, sequence: 17 });
		expect(madeAttemptMark(encodeChoice({ slotIds: [a], anySlot: true }))).toBeNull();
		expect(madeAttemptMark(`@${a}`)).toBeNull();
		expect(madeAttemptMark('')).toBeNull();
	});
});
