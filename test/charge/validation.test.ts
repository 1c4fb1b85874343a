import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

const validCharge = {
	resource: 'charge',
	operation: 'create',
	amount: 100,
	currency: 'usd',
	source: 'tok_visa',
};

const invalidCases: Array<[string, object, RegExp]> = [
	[
		'zero amount',
		{ amount: 0 },
		/^Invalid Amount in item 0: expected a positive whole number, got 0$/,
	],
	['negative amount', { amount: -5 }, /^Invalid Amount in item 0: .*got -5$/],
	['fractional amount', { amount: 12.5 }, /^Invalid Amount in item 0: .*got 12\.5$/],
	['decimal text amount', { amount: '10.50' }, /^Invalid Amount in item 0: .*got "10\.50"$/],
	['word amount', { amount: 'ten' }, /^Invalid Amount in item 0: .*got "ten"$/],
	['two-letter currency', { currency: 'US' }, /^Invalid Currency in item 0: .*got "US"$/],
	['four-letter currency', { currency: 'usdd' }, /^Invalid Currency in item 0: .*got "usdd"$/],
	['currency with digits', { currency: 'us1' }, /^Invalid Currency in item 0/],
	[
		'metadata array',
		{ additionalFields: { metadata: '[1, 2]' } },
		/^Invalid Metadata in item 0: expected a JSON object, got an array$/,
	],
	[
		'metadata not JSON',
		{ additionalFields: { metadata: '{order: A-17' } },
		/^Invalid Metadata in item 0: the text is not valid JSON$/,
	],
	[
		'metadata number',
		{ additionalFields: { metadata: '42' } },
		/^Invalid Metadata in item 0: expected a JSON object, got a number$/,
	],
];

describe('Charge Create validation', () => {
	test.each(invalidCases)('%s fails before any request', async (_name, override, message) => {
		const before = requestsTo(sandbox.requests, 'POST', '/v1/payments/charges').length;

		const result = await runWorkflow(aitbcWorkflow({ ...validCharge, ...override }), {
			credentials: bearerCredentials(sandbox),
		});

		expect(result.error?.message).toMatch(message);
		expect(requestsTo(sandbox.requests, 'POST', '/v1/payments/charges')).toHaveLength(before);
	});

	test('names the failing item among several', async () => {
		const result = await runWorkflow(
			aitbcWorkflow({ ...validCharge, amount: '={{ $json.amount }}' }, [
				{ amount: 100 },
				{ amount: 200 },
				{ amount: -1 },
			]),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(result.error?.message).toMatch(/^Invalid Amount in item 2: /);
	});

	test('amount as digit text is sent as a number', async () => {
		const result = await runWorkflow(aitbcWorkflow({ ...validCharge, amount: '={{ "1050" }}' }), {
			credentials: bearerCredentials(sandbox),
		});

		expect(result.output('AITBC')[0].json.amount).toBe(1050);
	});

	test('currency in any case is sent lower-case', async () => {
		const result = await runWorkflow(aitbcWorkflow({ ...validCharge, currency: 'GbP' }), {
			credentials: bearerCredentials(sandbox),
		});

		expect(result.output('AITBC')[0].json.currency).toBe('gbp');
	});
});
