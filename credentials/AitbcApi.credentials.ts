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

export class AitbcApi implements ICredentialType {
	name = 'aitbcApi';

	displayName = 'AITBC API';

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
			required: true,
		},
		apiVersionProperty,
		...tenantProperties,
	];

	// A generic `authenticate` would send empty X-Tenant-ID and X-Enterprise-ID headers when the
	// ids are unset, because n8n turns an undefined expression result into an empty string.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(credentials.apiKey ?? '')}`,
				...tenantHeaders(credentials),
			},
		};
	}

	test = accountTestRequest;
}
