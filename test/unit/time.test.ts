import { parseInZone } from '../../nodes/Aitbc/shared/time';

describe('parseInZone', () => {
	test.each([
		['2026-03-01T09:30:00', 'Asia/Kolkata', '2026-03-01T04:00:00.000Z'],
		['2026-07-01T12:00:00', 'America/New_York', '2026-07-01T16:00:00.000Z'],
		['2026-01-15T12:00:00', 'America/New_York', '2026-01-15T17:00:00.000Z'],
		['2026-03-29T03:30:00', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
		['2026-12-04 08:00:00', 'UTC', '2026-12-04T08:00:00.000Z'],
	])('%s in %s', (local, zone, expected) => {
		expect(new Date(parseInZone(local, zone)).toISOString()).toBe(expected);
	});

	test('invalid text gives NaN', () => {
		expect(parseInZone('not a date', 'UTC')).toBeNaN();
	});
});
