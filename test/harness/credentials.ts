import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';

/**
 * The part of n8n's server that n8n-core leaves to its host: storing decrypted credentials,
 * applying a credential's `authenticate` to each request, and saving renewed OAuth2 tokens.
 * It follows n8n's own rules: generic properties are expressions over `$credentials` whose
 * empty results become empty strings, and a function `authenticate` receives the request.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly tokenUpdates: ICredentialDataDecryptedObject[] = [];

	constructor(
		private readonly types: Map<string, ICredentialType>,
		private readonly store: Map<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		const extended = this.types.get(name)?.extends ?? [];
		return extended.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = this.types.get(typeName)?.authenticate;
		if (!authenticate) return options;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, options);
		}

		for (const [target, entries] of Object.entries(authenticate.properties)) {
			const bag = ((options as unknown as Record<string, Record<string, unknown>>)[target] ??= {});
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				bag[key] = resolveCredentialExpression(value, credentials, workflow, node);
			}
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.get(typeName);
		if (!type?.preAuthentication) return undefined;
		if (!credentialsExpired && credentials.sessionToken) return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return { id: details.id, name: details.name, type, data: '' } as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store.get(type);
		if (!data) throw new Error(`The test harness has no credentials of type "${type}"`);
		return structuredClone(data);
	}

	async updateCredentials(
		_details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.set(type, structuredClone(data));
	}

	async updateCredentialsOauthTokenData(
		_details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.tokenUpdates.push(structuredClone(data));
		this.store.set(type, structuredClone(data));
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.get(type)?.properties ?? [];
	}
}

export function resolveCredentialExpression(
	value: string,
	credentials: ICredentialDataDecryptedObject,
	workflow?: Workflow,
	node?: INode,
): string {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	if (!workflow || !node) throw new Error('Resolving a credential expression needs a workflow');

	const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', {
		$credentials: credentials,
	});
	return resolved === undefined || resolved === null || resolved === '' ? '' : String(resolved);
}
