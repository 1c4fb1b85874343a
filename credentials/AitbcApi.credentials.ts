import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	accountTestRequest,
	aitbcDocumentationUrl,
	aitbcIcon,
	apiVersionProperty,
	baseUrlProperty,
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
				'X-Tenant-ID': '={{$credentials.tenantId || undefined}}',
				'X-Enterprise-ID': '={{$credentials.enterpriseId || undefined}}',
			},
		},
	};

	test = accountTestRequest;
}
