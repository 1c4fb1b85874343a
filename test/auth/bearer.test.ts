import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';
import { errorOf } from './helpers';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const createCharge = {
	resource: 'charge',
	operation: 'create',
	amount: 500,
	currency: 'usd',
	source: 'tok_visa',
};

describe('API key credential', () => {
	let sandbox: TestSandbox;

	beforeEach(async () => {
		sandbox = await startTestSandbox();
	});

	afterEach(async () => {
		await sandbox.close();
	});

	test.each([
		['default selector', {}],
		['explicit selector', { authentication: 'apiKey' }],
	])('creates and reads a charge with %s', async (_label, selector) => {
		const credentials = bearerCredentials(sandbox);

		const created = await runWorkflow(aitbcWorkflow({ ...selector, ...createCharge }), {
			credentials,
		});
		const read = await runWorkflow(
			aitbcWorkflow({ ...selector, resource: 'charge', operation: 'getAll', returnAll: true }),
			{ credentials },
		);

		expect(created.error).toBeUndefined();
		expect(read.error).toBeUndefined();
		expect(read.output('AITBC').map((item) => item.json.id)).toEqual([
			created.output('AITBC')[0].json.id,
		]);
	});

	test('wrong key is AUTHENTICATION_ERROR', async () => {
		const result = await runWorkflow(aitbcWorkflow(createCharge), {
			credentials: bearerCredentials(sandbox, 'sk_test_wrong'),
		});

		expect(errorOf(result).message).toBe('Invalid API credentials');
		expect(errorOf(result).description).toContain('AUTHENTICATION_ERROR (HTTP 401)');
		expect(errorOf(result).description).toContain('Check the API key');
		expect(requestsTo(sandbox.requests, 'POST', '/v1/payments/charges')).toHaveLength(2);
	});
});
