import { createHmac } from 'node:crypto';

import { rememberEvent, RECENT_EVENT_LIMIT } from '../../nodes/AitbcTrigger/staticData';
import {
	hexSignatureMatches,
	parseSignatureHeader,
	verifyDelivery,
	type DeliveryToVerify,
} from '../../nodes/AitbcTrigger/verify';

const SECRET = 'whsec_unit';
const NOW = 1_800_000_000;
const BODY = Buffer.from('{"id":"evt_1","type":"charge.succeeded"}');

function v1(timestamp: number, body = BODY, secret = SECRET): string {
	return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

function delivery(overrides: Partial<DeliveryToVerify> = {}): DeliveryToVerify {
	return {
		rawBody: BODY,
		headers: { 'x-aitbc-signature': `t=${NOW},v1=${v1(NOW)}` },
		secret: SECRET,
		toleranceSeconds: 300,
		acceptBodyOnlySignatures: false,
		nowSeconds: NOW,
		...overrides,
	};
}

describe('parseSignatureHeader', () => {
	test('reads timestamp and every v1', () => {
		expect(parseSignatureHeader('t=12, v1=aa ,v1=bb,v0=cc')).toEqual({
			timestamp: 12,
			signatures: ['aa', 'bb'],
		});
	});

	test.each([
		'',
		'v1=aa',
		't=12',
		't=12,t=12,v1=aa',
		't=1.5,v1=aa',
		't=,v1=aa',
		't=12,=aa',
		't=12,v1',
		't=1234567890123,v1=aa',
	])('rejects %j', (header) => {
		expect(parseSignatureHeader(header)).toBeUndefined();
	});
});

describe('hexSignatureMatches', () => {
	const expected = v1(NOW);

	test('matches in either letter case', () => {
		expect(hexSignatureMatches(expected, expected)).toBe(true);
		expect(hexSignatureMatches(expected, expected.toUpperCase())).toBe(true);
	});

	test.each([
		['one digit changed', `${expected.slice(0, 63)}${expected[63] === '0' ? '1' : '0'}`],
		['too short', expected.slice(0, 62)],
		['too long', `${expected}00`],
		['odd length', expected.slice(0, 63)],
		['not hex', 'g'.repeat(64)],
		['empty', ''],
	])('rejects %s', (_label, candidate) => {
		expect(hexSignatureMatches(expected, candidate)).toBe(false);
	});
});

describe('verifyDelivery', () => {
	test('accepts a current signature', () => {
		expect(verifyDelivery(delivery())).toEqual({
			valid: true,
			scheme: 'aitbc',
			timestamp: NOW,
		});
	});

	test('accepts exactly the tolerance both ways', () => {
		for (const offset of [-300, 300]) {
			const t = NOW + offset;
			const result = verifyDelivery(
				delivery({ headers: { 'x-aitbc-signature': `t=${t},v1=${v1(t)}` } }),
			);
			expect({ offset, valid: result.valid }).toEqual({ offset, valid: true });
		}
	});

	test.each([
		['no secret', { secret: undefined }, 'no endpoint secret'],
		['empty secret', { secret: '' }, 'no endpoint secret'],
		['string body', { rawBody: BODY.toString() }, 'raw request body'],
		['missing body', { rawBody: undefined }, 'raw request body'],
		['no header', { headers: {} }, 'header is missing'],
		['stale', { nowSeconds: NOW + 301 }, 'outside the tolerance'],
		['early', { nowSeconds: NOW - 301 }, 'outside the tolerance'],
		['other body', { rawBody: Buffer.from('{}') }, 'no v1 signature matches'],
		[
			'repeated header',
			{ headers: { 'x-aitbc-signature': [`t=${NOW},v1=${v1(NOW)}`, `t=${NOW},v1=aa`] } },
			'malformed',
		],
	])('rejects %s', (_label, overrides, reason) => {
		const result = verifyDelivery(delivery(overrides as Partial<DeliveryToVerify>));
		expect(result.valid).toBe(false);
		expect(result.valid ? '' : result.reason).toContain(reason);
	});

	test('body-only signature needs the option', () => {
		const bodyOnly = createHmac('sha256', SECRET).update(BODY).digest('hex');
		const headers = { 'x-signature': bodyOnly };

		expect(verifyDelivery(delivery({ headers })).valid).toBe(false);
		expect(verifyDelivery(delivery({ headers, acceptBodyOnlySignatures: true }))).toEqual({
			valid: true,
			scheme: 'sdk-1.0',
		});
	});

	test('AITBC header wins over a body-only signature', () => {
		const bodyOnly = createHmac('sha256', SECRET).update(BODY).digest('hex');
		const headers = {
			'x-aitbc-signature': `t=${NOW},v1=${'0'.repeat(64)}`,
			'x-signature': bodyOnly,
		};

		expect(verifyDelivery(delivery({ headers, acceptBodyOnlySignatures: true })).valid).toBe(false);
	});

	test('reasons never contain the secret', () => {
		const results = [
			verifyDelivery(delivery({ nowSeconds: NOW + 999 })),
			verifyDelivery(delivery({ rawBody: Buffer.from('x') })),
			verifyDelivery(
				delivery({ headers: { 'x-signature': 'aa' }, acceptBodyOnlySignatures: true }),
			),
		];
		expect(JSON.stringify(results)).not.toContain(SECRET);
	});
});

describe('rememberEvent', () => {
	test('reports a repeated id once', () => {
		const data = {};
		expect(rememberEvent(data, 'evt_1')).toBe(true);
		expect(rememberEvent(data, 'evt_1')).toBe(false);
	});

	test('keeps only the most recent ids', () => {
		const data: { recentEventIds?: string[] } = {};
		for (let index = 0; index <= RECENT_EVENT_LIMIT; index++) rememberEvent(data, `evt_${index}`);

		expect(data.recentEventIds).toHaveLength(RECENT_EVENT_LIMIT);
		expect(rememberEvent(data, `evt_${RECENT_EVENT_LIMIT}`)).toBe(false);
		expect(rememberEvent(data, 'evt_0')).toBe(true);
	});
});
