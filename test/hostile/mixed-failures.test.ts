import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import {
	bearerCredentials,
	hmacCredentials,
	oauth2Credentials,
	startTestSandbox,
} from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';
import { byId, createCharge, runAitbc, sandboxApi, type TestSandbox } from '../payments/run';

describe('Continue On Fail with mixed failures', () => {
	let sandbox: TestSandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	test('refunds: validation, API errors and successes stay paired', async () => {
		const open = await createCharge(sandbox, 1000);
		const refunded = await createCharge(sandbox, 500);
		await sandboxApi(sandbox, 'POST', '/payments/refunds', { charge_id: refunded.id });
		const items = [
			{ id: open.id, amount: 400 },
			{ id: 'ch_missing', amount: 100 },
			{ id: open.id, amount: 0 },
			{ id: refunded.id, amount: 100 },
			{ id: open.id, amount: 9999 },
			{ id: open.id, amount: 2 ** 53 },
			{ id: open.id, amount: 600 },
		];

		const { result, json } = await runAitbc(
			sandbox,
			{
				resource: 'refund',
				operation: 'create',
				chargeId: byId('={{ $json.id }}'),
				additionalFields: { amount: '={{ $json.amount }}' },
			},
			items,
			{ continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		const output = result.output('AITBC');
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(json[0].amount).toBe(400);
		expect(json[1].error).toBe('No such charge: ch_missing');
		expect(json[2].error).toBe('Invalid Amount in item 2: expected a positive whole number, got 0');
		expect(json[3].error).toBe(`Charge ${refunded.id} is already fully refunded`);
		expect(json[4].error).toBe(
			`Refund amount 9999 is more than the 600 left to refund on charge ${open.id}`,
		);
		expect(json[5].error).toBe(
			'Invalid Amount in item 5: expected a positive whole number, got 9007199254740992',
		);
		expect(json[6].amount).toBe(600);
		expect(output[4].error?.context.details).toEqual({ field: 'amount', amount_refundable: 600 });
		expect(sandbox.context.state.charges.require(open.id as string).status).toBe('refunded');
	});

	test('subscription cancel: missing, canceled and active', async () => {
		const create = async () =>
			(
				await sandboxApi(sandbox, 'POST', '/payments/subscriptions', {
					customer: 'cus_mixed',
					items: [{ price: 'price_basic', quantity: 1 }],
				})
			).data as IDataObject;
		const active = await create();
		const canceled = await create();
		await sandboxApi(sandbox, 'POST', `/payments/subscriptions/${canceled.id}/cancel`, {
			at_period_end: false,
		});

		const { result, json } = await runAitbc(
			sandbox,
			{
				resource: 'subscription',
				operation: 'cancel',
				subscriptionId: byId('={{ $json.id }}'),
				cancelAt: 'now',
			},
			[{ id: 'sub_missing' }, { id: canceled.id }, { id: active.id }],
			{ continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		expect(json[0].error).toBe('No such subscription: sub_missing');
		expect(json[1].error).toBe(`Subscription ${canceled.id} is already canceled`);
		expect(json[2].status).toBe('canceled');
		expect(result.output('AITBC').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	test('payment methods: card errors never repeat the card', async () => {
		const cards = [
			{ number: '4242 4242 4242 4242', cvc: '123', year: 2031 },
			{ number: '4242 4242 4242 4241', cvc: '123', year: 2031 },
			{ number: '4242-4242-4242-4242', cvc: '12', year: 2031 },
			{ number: '4242424242424242', cvc: '1234', year: 2020 },
			{ number: 'not a card 4242', cvc: '123', year: 2031 },
		];

		const { result, json } = await runAitbc(
			sandbox,
			{
				resource: 'paymentMethod',
				operation: 'create',
				type: 'card',
				cardNumber: '={{ $json.number }}',
				expMonth: 1,
				expYear: '={{ $json.year }}',
				cvc: '={{ $json.cvc }}',
			},
			cards,
			{ continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		expect(json[0].last4).toBe('4242');
		expect(json[1].error).toBe('card.number is not a valid card number (Luhn check failed)');
		expect(json[2].error).toBe('Invalid CVC in item 2: expected 3 or 4 digits');
		expect(json[3].error).toBe('The card expired in 2020-01');
		expect(json[4].error).toBe(
			'Invalid Card Number in item 4: expected 12 to 19 digits (spaces and dashes are allowed)',
		);
		const errorText = JSON.stringify(result.output('AITBC').slice(1));
		expect(errorText).not.toContain('4242424242424241');
		expect(errorText).not.toContain('4242 4242 4242 4241');
		expect(sandbox.requests.join('\n')).not.toContain('4242');
	});
});

describe('unicode in descriptions and metadata', () => {
	let sandbox: TestSandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	const description = 'Café 🍕 Ωmega 漢字 \u2028 "quoted" \\ back';
	const metadata = { 'emoji 🎉': 'ü', nested: { list: [1, null, 'ß'] }, empty: '' };

	const credentialCases: Array<[string, () => Record<string, ICredentialDataDecryptedObject>]> = [
		['apiKey', () => bearerCredentials(sandbox)],
		['hmac', () => hmacCredentials(sandbox)],
		['oAuth2', () => oauth2Credentials(sandbox)],
	];

	test.each(credentialCases)('round trip with %s', async (authentication, credentials) => {
		const result = await runWorkflow(
			aitbcWorkflow(
				{
					authentication,
					resource: 'charge',
					operation: 'create',
					amount: 990,
					currency: 'eur',
					source: 'tok_visa',
					additionalFields: {
						description: '={{ $json.description }}',
						metadata: '={{ $json.metadata }}',
					},
				},
				[{ description, metadata }],
			),
			{ credentials: credentials() },
		);

		expect(result.error).toBeUndefined();
		const [charge] = result.output('AITBC').map((item) => item.json);
		expect(charge.description).toBe(description);
		expect(charge.metadata).toEqual(metadata);
		const stored = sandbox.context.state.charges.require(charge.id as string);
		expect(stored.description).toBe(description);
		expect(stored.metadata).toEqual(metadata);
	});
});
