import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeType,
} from 'n8n-workflow';

/**
 * Sends one already resolved request with a credential, the way n8n's server runs a
 * credential's `test.request` when the user clicks Test: through the authenticated request
 * helper, so `authenticate`, OAuth2 token fetching and renewal all apply.
 */
export const credentialTestNode: INodeType = {
	description: {
		displayName: 'Credential Test',
		name: 'credentialTest',
		group: ['transform'],
		version: 1,
		description: 'Sends a credential test request',
		defaults: { name: 'Credential Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'aitbcApi', required: false },
			{ name: 'aitbcOAuth2Api', required: false },
			{ name: 'aitbcHmacApi', required: false },
		],
		properties: [
			{ displayName: 'Credential Type', name: 'credentialType', type: 'string', default: '' },
			{ displayName: 'Request', name: 'request', type: 'json', default: '{}' },
		],
	},
	async execute(this: IExecuteFunctions) {
		const credentialType = this.getNodeParameter('credentialType', 0) as string;
		const request = JSON.parse(
			this.getNodeParameter('request', 0) as string,
		) as IHttpRequestOptions;

		const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
			...request,
			json: true,
			returnFullResponse: true,
		})) as IN8nHttpFullResponse;
		return [[{ json: { statusCode: response.statusCode, body: response.body as object } }]];
	},
};
