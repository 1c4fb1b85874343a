import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	INodeProperties,
} from 'n8n-workflow';

/** Fields and the test request that every AITBC credential shares, whatever its auth method. */
export const aitbcIcon = {
	light: 'file:../icons/aitbc.svg',
	dark: 'file:../icons/aitbc.dark.svg',
} as const;

export const aitbcDocumentationUrl =
	'https://github.com/n8n-nodes-aitbc/n8n-nodes-aitbc#credentials';

export const baseUrlProperty: INodeProperties = {
	displayName: 'Base URL',
	name: 'baseUrl',
	type: 'string',
	default: 'http://127.0.0.1:4010',
	placeholder: 'https://api.aitbc.example',
	description: 'Address of the AITBC API without the version path',
	required: true,
};

export const apiVersionProperty: INodeProperties = {
	displayName: 'API Version',
	name: 'apiVersion',
	type: 'string',
	default: 'v1',
};

export const tenantProperties: INodeProperties[] = [
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

/** `GET {baseUrl}/{apiVersion}/account` returns the caller's account and changes nothing. */
export const accountTestRequest: ICredentialTestRequest = {
	request: {
		baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.apiVersion || "v1"}}',
		url: '/account',
		method: 'GET',
	},
};

/** `X-Tenant-ID` and `X-Enterprise-ID` for the ids set in a credential. */
export function tenantHeaders(credentials: ICredentialDataDecryptedObject): Record<string, string> {
	const headers: Record<string, string> = {};
	if (credentials.tenantId) headers['X-Tenant-ID'] = String(credentials.tenantId);
	if (credentials.enterpriseId) headers['X-Enterprise-ID'] = String(credentials.enterpriseId);
	return headers;
}
