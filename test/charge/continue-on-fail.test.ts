import { runWorkflow } from '../harness/engine';
import { bearerCredentials, startTestSandbox } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

const chargeFromItem = {
	resource: 'charge',
	operation: 'create',
	amount: '={{ $json.amount }}',
	currency: 'usd',
	source: '={{ $json.source }}',
};

const items = [
	{ amount: 100, source: 'tok_visa' },
	{ amount: 200, source: 'tok_chargeDeclined' },
	{ amount: 300, source: 'tok_visa' },
];

describe('Continue On Fail', () => {
	test('failed item becomes a paired error item', async () => {
		const result = await runWorkflow(
			aitbcWorkflow(chargeFromItem, items, { continueOnFail: true }),
			{
				credentials: bearerCredentials(sandbox),
			},
		);

		expect(result.error).toBeUndefined();
		const output = result.output('AITBC');
		expect(output).toHaveLength(3);

		const successes = output.filter((item) => !item.error);
		expect(successes.map((item) => item.json.amount)).toEqual([100, 300]);
		expect(successes.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);

		const failed = output.find((item) => item.error);
		expect(failed?.pairedItem).toEqual({ item: 1 });
		expect(failed?.json).toEqual({ error: 'Your card was declined' });
		expect(failed?.error?.description).toContain('PAYMENT_ERROR (HTTP 422)');
		expect(failed?.error?.context).toMatchObject({
			itemIndex: 1,
			errorCode: 'PAYMENT_ERROR',
			details: { decline_code: 'card_declined' },
		});
	});

	test('validation failure is paired too', async () => {
		const result = await runWorkflow(
			aitbcWorkflow(chargeFromItem, [items[0], { amount: 0, source: 'tok_visa' }, items[2]], {
				continueOnFail: true,
			}),
			{ credentials: bearerCredentials(sandbox) },
		);

		const failed = result.output('AITBC').find((item) => item.error);
		expect(failed?.pairedItem).toEqual({ item: 1 });
		expect(failed?.json.error).toMatch(/^Invalid Amount in item 1/);
	});

	test('error output receives the paired failed item', async () => {
		const result = await runWorkflow(
			aitbcWorkflow(chargeFromItem, items, { onError: 'continueErrorOutput' }),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(result.error).toBeUndefined();
		expect(result.output('AITBC', 0).map((item) => item.json.amount)).toEqual([100, 300]);

		const errors = result.output('AITBC', 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].json).toEqual({ error: 'Your card was declined' });
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		expect(errors[0].error?.context.errorCode).toBe('PAYMENT_ERROR');
	});
});
