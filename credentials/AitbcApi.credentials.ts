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

	// Generic properties would resolve an unset id to an empty string and send an empty header.
	// This function leaves X-Tenant-ID and X-Enterprise-ID out instead.
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
