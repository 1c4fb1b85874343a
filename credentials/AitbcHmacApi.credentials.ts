import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { signRequest, type SigningScheme } from './hmacSigning';

export class AitbcHmacApi implements ICredentialType {
	name = 'aitbcHmacApi';

	displayName = 'AITBC HMAC API';

	icon = { light: 'file:../icons/aitbc.svg', dark: 'file:../icons/aitbc.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-aitbc/n8n-nodes-aitbc#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:4010',
			placeholder: 'https://api.aitbc.example',
			description: 'Address of the AITBC API without the version path',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Sent in the X-API-Key header',
			required: true,
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Key of the HMAC-SHA256 signature; it never leaves n8n',
			required: true,
		},
		{
			displayName: 'Signing Scheme',
			name: 'signingScheme',
			type: 'options',
			options: [
				{
					name: 'V2 (Recommended)',
					value: 'v2',
					description: 'Signs the timestamp, method, path with query and the SHA-256 of the body',
				},
				{
					name: 'V1 (SDK 1.0)',
					value: 'v1',
					description:
						'Signs only the timestamp and API key, so a captured signature fits any request for 300 seconds. Use it only for servers that do not accept v2.',
				},
			],
			default: 'v2',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v1',
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			description: 'Sent as the X-Tenant-ID header when set',
		},
		{
			displayName: 'Enterprise ID',
			name: 'enterpriseId',
			type: 'string',
			default: '',
			description: 'Sent as the X-Enterprise-ID header when set',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const withTenant: IHttpRequestOptions = {
			...requestOptions,
			headers: { ...requestOptions.headers, ...tenantHeaders(credentials) },
		};
		const scheme: SigningScheme = credentials.signingScheme === 'v1' ? 'v1' : 'v2';
		const key = {
			apiKey: String(credentials.apiKey ?? ''),
			apiSecret: String(credentials.apiSecret ?? ''),
			scheme,
		};
		return signRequest(key, withTenant, Date.now());
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.apiVersion}}',
			url: '/account',
			method: 'GET',
		},
	};
}

function tenantHeaders(credentials: ICredentialDataDecryptedObject): Record<string, string> {
	const headers: Record<string, string> = {};
	if (credentials.tenantId) headers['X-Tenant-ID'] = String(credentials.tenantId);
	if (credentials.enterpriseId) headers['X-Enterprise-ID'] = String(credentials.enterpriseId);
	return headers;
}
