import {
	jsonParse,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IExecuteSingleFunctions,
	type INodeProperties,
} from 'n8n-workflow';

type DisplayShow = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

export const FILTER_EXAMPLE = '{"status": "open"}';

export const STANDARD_ENTITY_TYPES = [
	{ name: 'Customers', value: 'customers' },
	{ name: 'Invoices', value: 'invoices' },
	{ name: 'Orders', value: 'orders' },
	{ name: 'Products', value: 'products' },
];

export function erpConnectionLocator(show: DisplayShow): INodeProperties {
	return {
		displayName: 'ERP Connection',
		name: 'connection',
		type: 'resourceLocator',
		required: true,
		displayOptions: { show },
		default: { mode: 'list', value: '' },
		description: 'The ERP connection configured in AITBC',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchErpConnections', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'conn_sap01',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^conn_[A-Za-z0-9_]+$',
							errorMessage: 'An ERP connection ID starts with conn_',
						},
					},
				],
			},
		],
	};
}

export function entityTypeField(show: DisplayShow): INodeProperties {
	return {
		displayName: 'Entity Type',
		name: 'entityType',
		type: 'options',
		required: true,
		displayOptions: { show },
		options: STANDARD_ENTITY_TYPES,
		default: 'customers',
		description:
			'Kind of ERP record. Choose from the list, or specify any other entity type name using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
}

/** Fields Input, Fields (key-value pairs) and Fields (JSON), for writing a record. */
export function recordFieldsInput(show: DisplayShow): INodeProperties[] {
	return [
		{
			displayName: 'Fields Input',
			name: 'fieldsInput',
			type: 'options',
			displayOptions: { show },
			options: [
				{ name: 'Key-Value Pairs', value: 'keyValue' },
				{ name: 'JSON', value: 'json' },
			],
			default: 'keyValue',
			description: 'How to enter the record’s fields',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'fixedCollection',
			placeholder: 'Add Field',
			typeOptions: { multipleValues: true },
			displayOptions: { show: { ...show, fieldsInput: ['keyValue'] } },
			default: {},
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
			description: 'Field names and values, sent as strings',
		},
		{
			displayName: 'Fields (JSON)',
			name: 'fieldsJson',
			type: 'json',
			displayOptions: { show: { ...show, fieldsInput: ['json'] } },
			default: '{}',
			description: 'The record’s fields as one JSON object, keeping numbers and nested objects',
		},
	];
}

type ParameterReader = (name: string, fallback: unknown) => unknown;

/** Accepts an object or its JSON text; empty text is an empty object. Names the item on failure. */
export function jsonObjectParameter(
	context: IExecuteFunctions | IExecuteSingleFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
	example: string,
): IDataObject {
	let parsed: unknown = raw ?? {};
	let problem = 'expected a JSON object';
	if (typeof raw === 'string') {
		try {
			parsed = raw.trim() === '' ? {} : jsonParse(raw);
		} catch {
			problem = 'the text is not valid JSON';
			parsed = undefined;
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(
			context.getNode(),
			`Invalid ${field} in item ${itemIndex}: ${problem}`,
			{
				itemIndex,
				description: `Enter an object such as ${example}.`,
			},
		);
	}
	return parsed as IDataObject;
}

/**
 * Reads the record's fields from either input form. Throws a NodeOperationError naming the item
 * when the JSON is not an object or a key-value pair has no name.
 */
export function readRecordFields(
	context: IExecuteFunctions | IExecuteSingleFunctions,
	read: ParameterReader,
	itemIndex: number,
): IDataObject {
	if (read('fieldsInput', 'keyValue') === 'json') {
		const example = '{"name": "ACME GmbH"}';
		return jsonObjectParameter(
			context,
			itemIndex,
			'Fields (JSON)',
			read('fieldsJson', '{}'),
			example,
		);
	}

	const pairs = ((read('fields', {}) as IDataObject).field ?? []) as Array<{
		name: string;
		value: unknown;
	}>;
	const fields: IDataObject = {};
	for (const [position, pair] of pairs.entries()) {
		const name = String(pair.name ?? '').trim();
		if (!name) {
			throw new NodeOperationError(
				context.getNode(),
				`Invalid Fields in item ${itemIndex}: field ${position + 1} has no name`,
				{ itemIndex, description: 'Give every field a name, or remove it.' },
			);
		}
		fields[name] = pair.value as IDataObject[string];
	}
	return fields;
}

/** Reads the connection ID, whichever way the locator was filled. */
export function readConnectionId(context: IExecuteFunctions, itemIndex: number): string {
	const id = String(
		context.getNodeParameter('connection', itemIndex, '', { extractValue: true }),
	).trim();
	if (!id) {
		throw new NodeOperationError(context.getNode(), `Missing ERP Connection in item ${itemIndex}`, {
			itemIndex,
			description: 'Pick a connection from the list or enter its ID (conn_…).',
		});
	}
	return id;
}

export function readEntityType(context: IExecuteFunctions, itemIndex: number): string {
	const entityType = String(context.getNodeParameter('entityType', itemIndex, '')).trim();
	if (!/^[a-z][a-z0-9_]{0,63}$/.test(entityType)) {
		throw new NodeOperationError(
			context.getNode(),
			`Invalid Entity Type in item ${itemIndex}: expected a lower-case name such as customers, got ${JSON.stringify(entityType)}`,
			{ itemIndex },
		);
	}
	return entityType;
}

export function entityPath(connectionId: string, entityType: string): string {
	return `/erp/connections/${encodeURIComponent(connectionId)}/${encodeURIComponent(entityType)}`;
}
