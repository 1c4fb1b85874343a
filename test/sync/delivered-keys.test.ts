import {
	deliveredKey,
	MAX_DELIVERED_KEYS,
	pruneDelivered,
} from '../../nodes/Aitbc/shared/watermark';

describe('pruneDelivered', () => {
	const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

	test('drops keys older than the window', () => {
		const keys = [deliveredKey('a', at(1)), deliveredKey('b', at(5)), deliveredKey('c', at(9))];
		expect(pruneDelivered(keys, Date.parse(at(5)))).toEqual([keys[1], keys[2]]);
	});

	test('keeps ids that contain @', () => {
		const key = deliveredKey('user@example.com', at(3));
		expect(pruneDelivered([key], Date.parse(at(3)))).toEqual([key]);
	});

	test('removes repeats', () => {
		const key = deliveredKey('a', at(3));
		expect(pruneDelivered([key, key], 0)).toEqual([key]);
	});

	test('keeps the newest keys past the cap', () => {
		const keys = Array.from({ length: MAX_DELIVERED_KEYS + 10 }, (_, index) =>
			deliveredKey(`r${index}`, at(1)),
		);
		const kept = pruneDelivered(keys, 0);
		expect(kept).toHaveLength(MAX_DELIVERED_KEYS);
		expect(kept[0]).toBe(keys[10]);
		expect(kept.at(-1)).toBe(keys.at(-1));
	});
});
