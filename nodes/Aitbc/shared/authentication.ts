import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** The three AITBC credentials. The Authentication parameter shows only the one in use. */
export const aitbcCredentials: INodeCredentialDescription[] = [
	{
		name: 'aitbcApi',
		required: true,
		displayOptions: { show: { authentication: ['apiKey'] } },
	},
	{
		name: 'aitbcOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
	{
		name: 'aitbcHmacApi',
		required: true,
		displayOptions: { show: { authentication: ['hmac'] } },
	},
];

/** Authentication method selector. transport/request.ts maps each value to its credential type. */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{
			name: 'API Key',
			value: 'apiKey',
			description: 'Send the API key as a bearer token',
		},
		{
			name: 'OAuth2 (Client Credentials)',
			value: 'oAuth2',
			description: 'Obtain access tokens with a client ID and secret',
		},
		{
			name: 'HMAC Signature',
			value: 'hmac',
			description: 'Sign each request with the API secret',
		},
	],
	default: 'apiKey',
};
