import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
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

	// A function rather than generic expressions: n8n evaluates generic properties as expressions
	// on every request, which costs more than the request itself on a fast API, and an unset
	// tenant would still go out as an empty header.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: IDataObject = { ...requestOptions.headers };
		headers.Authorization = `Bearer ${credentials.apiKey as string}`;
		if (credentials.tenantId) headers['X-Tenant-ID'] = credentials.tenantId;
		if (credentials.enterpriseId) headers['X-Enterprise-ID'] = credentials.enterpriseId;
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.apiVersion}}',
			url: '/account',
			method: 'GET',
		},
	};
}
