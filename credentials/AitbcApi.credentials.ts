import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class AitbcApi implements ICredentialType {
	name = 'aitbcApi';

	displayName = 'AITBC API';

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
			required: true,
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

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.apiVersion}}',
			url: '/account',
			method: 'GET',
		},
	};
}
