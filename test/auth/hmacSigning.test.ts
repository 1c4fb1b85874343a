import { createHash, createHmac } from 'node:crypto';

import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { serializeQuery, signRequest, toWireRequest } from '../../credentials/hmacSigning';

// n8n sends `qs` serialized by the qs package (a dependency of n8n-core), so the signer must match it.
const { stringify } = require('qs') as {
	stringify: (value: IDataObject, options: { arrayFormat: string }) => string;
};

const key = { apiKey: 'key_1', apiSecret: 'secret_1', scheme: 'v2' as const };
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);

describe('serializeQuery', () => {
	const cases: Array<[string, IDataObject]> = [
		['plain values', { limit: 10, status: 'succeeded', flag: true }],
		['reserved characters', { q: "it's (ok)*! & = ? / #", space: 'a b' }],
		['non-ASCII', { name: 'Zoë ₹ മലയാളം 😊' }],
		['arrays', { ids: ['ch_1', 'ch_2'] }],
		['nested objects', { created: { gte: '2026-01-01T00:00:00Z', lte: 5 } }],
		['null and undefined', { empty: null, missing: undefined, after: 1 }],
		['dates', { since: new Date(NOW) }],
	];

	test.each(cases)('matches qs for %s', (_label, query) => {
		for (const arrayFormat of ['indices', 'brackets', 'repeat'] as const) {
			expect(serializeQuery(query, arrayFormat)).toBe(stringify(query, { arrayFormat }));
		}
	});
});

describe('toWireRequest', () => {
	function wire(options: Partial<IHttpRequestOptions>) {
		return toWireRequest({ url: '/charges', baseURL: 'http://127.0.0.1:4010/v1', ...options });
	}

	test('joins base URL and path once', () => {
		expect(wire({ baseURL: 'http://127.0.0.1:4010/v1/' }).pathWithQuery).toBe('/v1/charges');
	});

	test('absolute URL ignores the base URL', () => {
		expect(wire({ url: 'http://127.0.0.1:9/other' }).url).toBe('http://127.0.0.1:9/other');
	});

	test('object body becomes compact JSON', () => {
		const options: IHttpRequestOptions = {
			url: '/charges',
			baseURL: 'http://127.0.0.1:4010/v1',
			method: 'POST',
			body: { b: 1, a: 'é' },
		};

		const result = toWireRequest(options);

		expect(result.body).toBe('{"b":1,"a":"é"}');
		expect(result.bodyBytes.equals(Buffer.from('{"b":1,"a":"é"}', 'utf8'))).toBe(true);
		expect((options.headers as IDataObject)['Content-Type']).toBe('application/json');
	});

	test('GET never has a body', () => {
		expect(wire({ method: 'GET', body: { a: 1 } }).bodyBytes).toHaveLength(0);
	});

	test('form content type sends a form body', () => {
		const result = wire({
			method: 'POST',
			body: { a: 'x y', b: 'ü' },
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});

		expect(result.body).toBe('a=x+y&b=%C3%BC');
	});

	test('non-JSON string is JSON-quoted', () => {
		const result = wire({
			method: 'POST',
			body: 'plain text',
			headers: { 'Content-Type': 'application/json' },
		});

		expect(result.body).toBe('"plain text"');
	});

	test('Buffer body is sent as is', () => {
		const bytes = Buffer.from([0xff, 0x00, 0x7b]);

		expect(wire({ method: 'PUT', body: bytes }).bodyBytes.equals(bytes)).toBe(true);
	});

	test('relative URL without base URL is rejected', () => {
		expect(() => toWireRequest({ url: '/charges' })).toThrow(/needs an absolute URL/);
	});
});

describe('signRequest', () => {
	test('v2 covers method, path and body', () => {
		const signed = signRequest(
			key,
			{ url: '/charges', baseURL: 'http://h/v1', method: 'POST', qs: { a: 1 }, body: { x: 'ö' } },
			NOW,
		);

		const timestamp = String(NOW / 1000);
		const bodyHash = createHash('sha256').update('{"x":"ö"}', 'utf8').digest('hex');
		const expected = createHmac('sha256', 'secret_1')
			.update(`${timestamp}\nPOST\n/v1/charges?a=1\n${bodyHash}`)
			.digest('hex');
		const headers = signed.headers as IDataObject;
		expect(headers['X-Timestamp']).toBe(timestamp);
		expect(headers['X-API-Key']).toBe('key_1');
		expect(headers['X-Signature']).toBe(expected);
		expect(signed.url).toBe('http://h/v1/charges?a=1');
		expect(signed.qs).toBeUndefined();
		expect(signed.baseURL).toBeUndefined();
	});

	test('v1 signs timestamp and key only', () => {
		const signed = signRequest({ ...key, scheme: 'v1' }, { url: 'http://h/v1/x' }, NOW);

		const expected = createHmac('sha256', 'secret_1')
			.update(`${NOW / 1000}:key_1`)
			.digest('hex');
		expect((signed.headers as IDataObject)['X-Signature']).toBe(expected);
	});

	test('signing twice signs the same bytes', () => {
		const options: IHttpRequestOptions = {
			url: '/charges',
			baseURL: 'http://h/v1',
			method: 'POST',
			qs: { ids: ['a', 'b'] },
			body: { z: 1, a: [1, 2] },
		};

		const once = signRequest(key, options, NOW);
		const twice = signRequest(key, once, NOW);

		expect(twice.url).toBe(once.url);
		expect(twice.body).toBe(once.body);
		expect((twice.headers as IDataObject)['X-Signature']).toBe(
			(once.headers as IDataObject)['X-Signature'],
		);
	});

	test('leaves the caller options unchanged', () => {
		const options: IHttpRequestOptions = {
			url: '/charges',
			baseURL: 'http://h/v1',
			method: 'POST',
			body: { a: 1 },
			headers: {},
		};

		signRequest(key, options, NOW);

		expect(options.body).toEqual({ a: 1 });
		expect(options.headers).toEqual({});
	});
});
