import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startTestSandbox } from '../harness/sandbox';
import { runAitbc, sandboxApi, type TestSandbox } from './run';

const VISA = '4242424242424242';
const VISA_WITH_SPACES = '4242 4242 4242 4242';
const FAILS_LUHN = '4242424242424241';
const DECLINES = '4000000000000002';
const CVC = '737';

/**
 * Serializes anything, following `cause` and non-enumerable error fields, without looping and
 * without an error's own `toJSON`. With `withErrorNode` false it skips `node` fields: n8n attaches
 * the node definition to its errors, and the workflow stores its typed-in parameters anyway.
 */
function dump(value: unknown, withErrorNode = true): string {
	return JSON.stringify(toPlain(value, withErrorNode, new WeakSet())) ?? '';
}

function toPlain(value: unknown, withErrorNode: boolean, seen: WeakSet<object>): unknown {
	if (typeof value !== 'object' || value === null) return value;
	if (seen.has(value)) return '[seen]';
	seen.add(value);

	if (Array.isArray(value)) return value.map((entry) => toPlain(entry, withErrorNode, seen));

	const plain: IDataObject = {};
	for (const name of Object.getOwnPropertyNames(value)) {
		if (name === 'node' && !withErrorNode) continue;
		plain[name] = toPlain((value as IDataObject)[name], withErrorNode, seen) as IDataObject;
	}
	return plain;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cardParameters(number: string, cvc = CVC): INodeParameters {
	return {
		resource: 'paymentMethod',
		operation: 'create',
		type: 'card',
		cardNumber: number,
		expMonth: 12,
		expYear: 2031,
		cvc,
	};
}

describe('payment method operations', () => {
	let sandbox: TestSandbox;
	let events: Array<{ type: string; object: unknown }>;
	let consoleLines: string[];

	beforeAll(async () => {
		sandbox = await startTestSandbox();
		sandbox.context.emit = (type, object) => events.push({ type, object: structuredClone(object) });
	});
	beforeEach(() => {
		events = [];
		consoleLines = [];
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
				consoleLines.push(dump(args));
			});
		}
	});
	afterEach(() => {
		jest.restoreAllMocks();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	/**
	 * Checks every place a run could leak to: output items, errors, sandbox log, events, console.
	 * Card numbers are long enough to search for as they are. A CVC is short enough to occur in
	 * a random ID, so it counts as leaked only as a JSON string or next to the word cvc.
	 */
	function expectNoCardData(run: Awaited<ReturnType<typeof runAitbc>>, ...secrets: string[]): void {
		const places = {
			output: dump(run.result.output('AITBC'), false),
			error: dump(run.result.error, false),
			sandboxLog: sandbox.requests.join('\n'),
			events: dump(events),
			console: consoleLines.join('\n'),
		};
		for (const secret of secrets) {
			const pattern =
				secret.length > 4
					? new RegExp(escapeRegExp(secret))
					: new RegExp(`"${secret}"|cvc\\W{0,5}${secret}`, 'i');
			for (const [place, text] of Object.entries(places)) {
				expect({ place, secret, leaked: pattern.test(text) }).toEqual({
					place,
					secret,
					leaked: false,
				});
			}
		}
	}

	test('create keeps only brand, last4 and expiry', async () => {
		const run = await runAitbc(sandbox, {
			...cardParameters(VISA_WITH_SPACES),
			additionalFields: { metadata: '{"customer": "cus_7"}' },
		});

		expect(run.result.error).toBeUndefined();
		const [method] = run.json;
		expect(method.id).toMatch(/^pm_/);
		expect(method.brand).toBe('visa');
		expect(method.last4).toBe('4242');
		expect(method.exp_month).toBe(12);
		expect(method.exp_year).toBe(2031);
		expect(method.metadata).toEqual({ customer: 'cus_7' });
		expect(Object.keys(method).sort()).toEqual([
			'brand',
			'created_at',
			'exp_month',
			'exp_year',
			'id',
			'last4',
			'metadata',
			'object',
			'type',
		]);
		expect(events.map((event) => event.type)).toEqual(['payment_method.created']);
		expectNoCardData(run, VISA, VISA_WITH_SPACES, CVC);
	});

	test('create rejects a number that fails Luhn', async () => {
		const run = await runAitbc(sandbox, cardParameters(FAILS_LUHN));

		expect(run.result.error?.message).toBe(
			'card.number is not a valid card number (Luhn check failed)',
		);
		expect((run.result.error as { description?: string }).description).toBe(
			'VALIDATION_ERROR (HTTP 400) · field: card.number',
		);
		expect(
			sandbox.context.state.paymentMethods.all().some((method) => method.last4 === '4241'),
		).toBe(false);
		expectNoCardData(run, FAILS_LUHN, CVC);
	});

	test('Luhn failure under Continue On Fail leaks nothing', async () => {
		const run = await runAitbc(sandbox, cardParameters(FAILS_LUHN), [{}], {
			onError: 'continueRegularOutput',
		});

		expect(run.json).toEqual([
			{ error: 'card.number is not a valid card number (Luhn check failed)' },
		]);
		expectNoCardData(run, FAILS_LUHN, CVC);
	});

	test('card data from the input item stays out of errors', async () => {
		const run = await runAitbc(
			sandbox,
			{ ...cardParameters('={{ $json.number }}', '={{ $json.cvc }}') },
			[{ number: FAILS_LUHN, cvc: CVC }],
		);

		expect(run.result.error?.message).toBe(
			'card.number is not a valid card number (Luhn check failed)',
		);
		expect(dump(run.result.error, true).includes(FAILS_LUHN)).toBe(false);
		expect(dump(run.result.error, true).includes(`"${CVC}"`)).toBe(false);
		expectNoCardData(run, FAILS_LUHN, CVC);
	});

	test('create rejects a malformed number without repeating it', async () => {
		const malformed = '4242-4242-abcd';

		const run = await runAitbc(sandbox, cardParameters(malformed));

		expect(run.result.error?.message).toBe(
			'Invalid Card Number in item 0: expected 12 to 19 digits (spaces and dashes are allowed)',
		);
		expectNoCardData(run, malformed, '4242-4242', CVC);
	});

	test('create rejects a malformed CVC without repeating it', async () => {
		const run = await runAitbc(sandbox, cardParameters(VISA, '73x9'));

		expect(run.result.error?.message).toBe('Invalid CVC in item 0: expected 3 or 4 digits');
		expectNoCardData(run, VISA, '73x9');
	});

	test('sandbox rejects an expired card', async () => {
		const run = await runAitbc(sandbox, { ...cardParameters(VISA), expMonth: 1, expYear: 20 });

		expect(run.result.error?.message).toBe('The card expired in 2020-01');
		expectNoCardData(run, VISA, CVC);
	});

	test('charge on a stored card succeeds', async () => {
		const created = await runAitbc(sandbox, cardParameters(VISA));
		const paymentMethodId = created.json[0].id as string;

		const run = await runAitbc(sandbox, {
			resource: 'charge',
			operation: 'create',
			amount: 2500,
			currency: 'EUR',
			source: paymentMethodId,
		});

		const [charge] = run.json;
		expect(charge.status).toBe('succeeded');
		expect(charge.payment_method_id).toBe(paymentMethodId);
		expect(charge.payment_method_details).toEqual({
			type: 'card',
			brand: 'visa',
			last4: '4242',
			exp_month: 12,
			exp_year: 2031,
		});
		expectNoCardData(run, VISA, CVC);
	});

	test('charge on the declining card fails', async () => {
		const created = await runAitbc(sandbox, cardParameters(DECLINES));
		expect(created.json[0].last4).toBe('0002');

		const run = await runAitbc(sandbox, {
			resource: 'charge',
			operation: 'create',
			amount: 2500,
			currency: 'usd',
			source: created.json[0].id as string,
		});

		expect(run.result.error?.message).toBe('Your card was declined');
		expect((run.result.error as { description?: string }).description).toBe(
			'PAYMENT_ERROR (HTTP 422)',
		);
		expectNoCardData(created, DECLINES, CVC);
		expectNoCardData(run, DECLINES, CVC);
	});

	test('get returns the stored card', async () => {
		const created = await sandboxApi(sandbox, 'POST', '/payments/payment_methods', {
			type: 'card',
			card: { number: '5555555555554444', exp_month: 3, exp_year: 2030, cvc: '123' },
		});
		const stored = created.data as IDataObject;

		const run = await runAitbc(sandbox, {
			resource: 'paymentMethod',
			operation: 'get',
			paymentMethodId: stored.id as string,
		});

		expect(run.json).toEqual([stored]);
		expect(run.json[0].brand).toBe('mastercard');
	});

	test('get many lists newest first without card data', async () => {
		const run = await runAitbc(sandbox, {
			resource: 'paymentMethod',
			operation: 'getAll',
			returnAll: true,
		});

		const stored = sandbox.context.state.paymentMethods.all().reverse();
		expect(run.json.map((method) => method.id)).toEqual(stored.map((method) => method.id));
		expect(run.json.length).toBeGreaterThanOrEqual(4);
		expectNoCardData(run, VISA, DECLINES, '5555555555554444', CVC);
	});
});
