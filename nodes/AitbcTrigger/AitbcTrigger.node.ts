import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { aitbcCredentials, authenticationProperty } from '../Aitbc/shared/authentication';
import { EVENT_TYPES } from './events';
import { checkExists, create, deleteWebhook } from './lifecycle';
import { DEFAULT_TOLERANCE_SECONDS, receiveDelivery } from './receive';

export class AitbcTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AITBC Trigger',
		name: 'aitbcTrigger',
		icon: { light: 'file:../../icons/aitbc.svg', dark: 'file:../../icons/aitbc.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when AITBC sends a signed webhook event',
		defaults: { name: 'AITBC Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: aitbcCredentials,
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			authenticationProperty,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_TYPES,
				default: [],
				required: true,
				description: 'Event types that start the workflow; "*" subscribes to all of them',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Accept SDK 1.0 Body-Only Signatures',
						name: 'acceptBodyOnlySignatures',
						type: 'boolean',
						default: false,
						description:
							'Whether to accept deliveries signed only with an X-Signature HMAC of the body, as AITBC SDK 1.0 senders do. That signature has no timestamp, so a captured delivery can be replayed once it drops out of the recent event list.',
					},
					{
						displayName: 'Output',
						name: 'output',
						type: 'options',
						options: [
							{
								name: 'Whole Event',
								value: 'event',
								description: 'The event with its ID, type, creation time and data',
							},
							{
								name: 'Object Only',
								value: 'object',
								description: 'Only data.object, for example the charge',
							},
						],
						default: 'event',
					},
					{
						displayName: 'Tolerance (Seconds)',
						name: 'toleranceSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_TOLERANCE_SECONDS,
						description:
							"Maximum difference in seconds between the signature timestamp and this machine's clock, in either direction",
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
