import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { invalidInput } from './validation';

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Converts a date from a form or an expression to RFC 3339 in UTC. A value without a zone, as
 * n8n's date picker produces, is read in the workflow's timezone, not the server's.
 */
export function toUtcTimestamp(
	context: IExecuteSingleFunctions,
	field: string,
	value: unknown,
): string {
	const text = value instanceof Date ? value.toISOString() : String(value).trim();
	const zoned = HAS_ZONE.test(text) || !/T|\d{2}:\d{2}/.test(text);
	const parsed = zoned ? Date.parse(text) : parseInZone(text, context.getTimezone());

	if (Number.isNaN(parsed)) {
		throw invalidInput(context, field, `expected a date and time, got ${JSON.stringify(value)}`);
	}
	return new Date(parsed).toISOString();
}

/** Milliseconds since the epoch of a wall-clock time in an IANA zone. */
export function parseInZone(localText: string, timeZone: string): number {
	const asIfUtc = Date.parse(`${localText.replace(' ', 'T')}Z`);
	if (Number.isNaN(asIfUtc)) return Number.NaN;

	// The zone's offset at that instant; a second pass settles times near a DST change.
	let guess = asIfUtc - zoneOffsetMs(asIfUtc, timeZone);
	guess = asIfUtc - zoneOffsetMs(guess, timeZone);
	return guess;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const wallClock = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return wallClock - Math.floor(instant / 1000) * 1000;
}
