import { z } from 'zod';

/**
 * Rules of the office floor that need no database: queue number labels, the application
 * number format and the order counters call people in.
 */

/** Booked visitors take series A; walk-in priority visitors their own series P. */
export const QUEUE_SERIES = ['A', 'P'] as const;
export type QueueSeries = (typeof QUEUE_SERIES)[number];

/** Walk-in priority numbers an office gives out per day until its staff set otherwise. */
export const DEFAULT_PRIORITY_DAILY_QUOTA = 30;

export const WALK_IN_REASONS = ['elderly', 'pregnant', 'disabled', 'small_children'] as const;
export type WalkInReason = (typeof WALK_IN_REASONS)[number];

export const SERVICE_STEPS = ['document_check', 'photo_fingerprints', 'interview'] as const;
export type ServiceStep = (typeof SERVICE_STEPS)[number];

/** the series, then at least three digits so the board's columns line up. */
export function queueLabel(series: QueueSeries, number: number): string {
	return `${series}-${String(number).padStart(3, '0')}`;
}

const APPLICATION_NUMBER = /^LNC-\d{6}-[A-Z0-9]{6}$/;

/** Typed numbers are forgiving: spaces dropped, lower case raised, missing dashes put back. */
export function normaliseApplicationNumber(typed: string): string {
	const compact = typed.replace(/[\s-]/g, '').toUpperCase();
	const match = /^LNC(\d{6})([A-Z0-9]{6})$/.exec(compact);
	return match ? `LNC-${match[1]}-${match[2]}` : typed.trim().toUpperCase();
}

export function isApplicationNumber(value: string): boolean {
	return APPLICATION_NUMBER.test(value);
}

export const applicationNumberSchema = z
	.string()
	.max(40)
	.transform(normaliseApplicationNumber)
	.refine(isApplicationNumber, { error: 'checkin_number_format' });

/**
 * Which waiting number a counter calls next. Priority visitors go first, but never starve the
 * booked line: after `PRIORITY_RUN` priority calls in a row, one booked number is called if
 * one waits. Within a series, lowest number first.
 */
export const PRIORITY_RUN = 2;

export function nextSeries(
	waiting: { A: boolean; P: boolean },
	priorityCallsInARow: number
): QueueSeries | null {
	if (waiting.P && (!waiting.A || priorityCallsInARow < PRIORITY_RUN)) return 'P';
	if (waiting.A) return 'A';
	return null;
}

/** The hall's view of a floor: numbers only, never a name (not even a counter's). */
export interface BoardState {
	/** Raised by every change of the office's floor, so a late state never replaces a newer one. */
	version: number;
	date: string;
	serving: { label: string; counterNumber: number }[];
	next: string[];
	waiting: number;
}

export interface FloorCall {
	label: string;
	counterNumber: number;
	recall: boolean;
}

/** What every kiosk board of an office receives: the whole board, and a call if one happened. */
export interface FloorEvent {
	board: BoardState;
	call: FloorCall | null;
}
