import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
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
	type INodeTypes,
	type INodeParameters,
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
		return (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
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
		return applyDefaultsAndExpressions(this.getCredentialsProperties(type), structuredClone(data));
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

const noNodeTypes = {
	getByName: () => undefined,
	getByNameAndVersion: () => undefined,
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/** A one-node workflow to evaluate credential expressions outside a running workflow. */
export function credentialExpressionContext(): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'credential-expressions',
		name: 'Credential expressions',
		type: 'n8n-nodes-harness.credentialExpressions',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: noNodeTypes,
	});
	return { workflow, node };
}

/**
 * Fills in property defaults and resolves expressions such as `={{$self["baseUrl"]}}/token`,
 * as n8n's server does before it hands decrypted credentials to a node. Keys that are not
 * properties (the stored `oauthTokenData`) are kept.
 */
export function applyDefaultsAndExpressions(
	properties: INodeProperties[],
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const withDefaults = {
		...data,
		...NodeHelpers.getNodeParameters(properties, data as INodeParameters, true, false, null, null),
	};

	const { workflow, node } = credentialExpressionContext();
	return workflow.expression.getComplexParameterValue(
		node,
		withDefaults as INodeParameters,
		'internal',
		{},
		undefined,
		undefined,
		withDefaults,
	) as ICredentialDataDecryptedObject;
}
