import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	accountTestRequest,
	aitbcDocumentationUrl,
	aitbcIcon,
	apiVersionProperty,
	baseUrlProperty,
	tenantHeaders,
	tenantProperties,
} from './common';
import { signRequest, type SigningScheme } from './hmacSigning';

export class AitbcHmacApi implements ICredentialType {
	name = 'aitbcHmacApi';

	displayName = 'AITBC HMAC API';

	icon = aitbcIcon;

	documentationUrl = aitbcDocumentationUrl;

	properties: INodeProperties[] = [
		baseUrlProperty,
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
		apiVersionProperty,
		...tenantProperties,
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

	test = accountTestRequest;
}
