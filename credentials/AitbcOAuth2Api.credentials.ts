import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	accountTestRequest,
	aitbcDocumentationUrl,
	aitbcIcon,
	apiVersionProperty,
	baseUrlProperty,
	tenantProperties,
} from './common';

/**
 * OAuth2 with the client-credentials grant. n8n's OAuth2 support fetches the access token from
 * the token URL (client ID and secret form-encoded in the body), sends it as a bearer token,
 * and on a 401 fetches one new token and retries the request once.
 */
export class AitbcOAuth2Api implements ICredentialType {
	name = 'aitbcOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'AITBC OAuth2 API';

	icon = aitbcIcon;

	documentationUrl = aitbcDocumentationUrl;

	properties: INodeProperties[] = [
		baseUrlProperty,
		apiVersionProperty,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default:
				'={{$self["baseUrl"].replace(/\\/+$/, "")}}/{{$self["apiVersion"] || "v1"}}/oauth/token',
			description: 'Token endpoint of the AITBC API; the default follows the Base URL',
			required: true,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			placeholder: 'payments erp sync',
			description: 'Space-separated scopes to request; leave empty for the client’s default scopes',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URL',
			name: 'authUrl',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		...tenantProperties,
	];

	test = accountTestRequest;
}
