import {
	jsonParse,
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
} from 'n8n-workflow';

/** Fails the current item with a message that names the field, the item and the fix. */
export function invalidInput(
	context: IExecuteSingleFunctions,
	field: string,
	problem: string,
	hint?: string,
): NodeOperationError {
	const itemIndex = context.getItemIndex();
	return new NodeOperationError(
		context.getNode(),
		`Invalid ${field} in item ${itemIndex}: ${problem}`,
		{
			itemIndex,
			description: hint,
		},
	);
}

/**
 * Returns a positive whole number. Text of digits alone, as CSV files and webhooks carry
 * numbers, is converted; anything else, fractions included, fails the item.
 */
export function requirePositiveInteger(
	context: IExecuteSingleFunctions,
	field: string,
	input: unknown,
): number {
	const value = typeof input === 'string' && /^\d+$/.test(input.trim()) ? Number(input) : input;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
		throw invalidInput(
			context,
			field,
			`expected a positive whole number, got ${JSON.stringify(input)}`,
			'Amounts are in the currency’s minor unit: 1050 is 10.50 USD, 80 is 80 JPY.',
		);
	}
	return value;
}

/** Accepts any case and returns the lower-case code the API expects. */
export function normalizeCurrency(context: IExecuteSingleFunctions, value: unknown): string {
	if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value.trim())) {
		throw invalidInput(
			context,
			'Currency',
			`expected a three-letter ISO 4217 code such as usd, got ${JSON.stringify(value)}`,
		);
	}
	return value.trim().toLowerCase();
}

/** Accepts an object or its JSON text; arrays, numbers and unparsable text are rejected. */
export function parseJsonObject(
	context: IExecuteSingleFunctions,
	field: string,
	value: unknown,
): IDataObject | undefined {
	if (value === undefined || value === null || value === '') return undefined;

	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = jsonParse(value);
		} catch {
			throw invalidInput(
				context,
				field,
				'the text is not valid JSON',
				'Enter an object such as {"order": "A-17"}.',
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw invalidInput(context, field, `expected a JSON object, got ${describeType(parsed)}`);
	}
	return parsed as IDataObject;
}

function describeType(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	return `a ${typeof value}`;
}
