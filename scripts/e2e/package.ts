import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType, INodeProperties, INodeType } from 'n8n-workflow';

export interface AuthMethod {
	/** Value of the node's Authentication parameter, e.g. `apiKey`. */
	value: string;
	label: string;
	credentialType: string;
}

export interface BuiltPackage {
	name: string;
	version: string;
	credentialTypes: ICredentialType[];
	nodeTypes: INodeType[];
	/** The action node (`aitbc`) as n8n will see it. */
	actionNode: INodeType;
	/** The trigger node (`aitbcTrigger`), when the package has one. */
	triggerNode?: INodeType;
	authMethods: AuthMethod[];
	resources: Array<{ name: string; value: string }>;
}

/** Reads the package the way n8n does: package.json's "n8n" section names the built files. */
export function loadBuiltPackage(root: string): BuiltPackage {
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
		n8n: { credentials: string[]; nodes: string[] };
	};

	const credentialTypes = manifest.n8n.credentials.map((file) =>
		instantiate<ICredentialType>(join(root, file)),
	);
	const nodeTypes = manifest.n8n.nodes.map((file) => instantiate<INodeType>(join(root, file)));
	const actionNode = nodeTypes.find((node) => node.description.name === 'aitbc');
	if (!actionNode) throw new Error('The built package has no node named "aitbc"');

	return {
		name: manifest.name,
		version: manifest.version,
		credentialTypes,
		nodeTypes,
		actionNode,
		triggerNode: nodeTypes.find((node) => node.description.name === 'aitbcTrigger'),
		authMethods: authMethodsOf(actionNode),
		resources: optionsOf(actionNode.description.properties, 'resource'),
	};
}

function instantiate<T>(file: string): T {
	const exports = require(file) as Record<string, new () => T>;
	const [constructor] = Object.values(exports);
	if (typeof constructor !== 'function') throw new Error(`${file} exports no class`);
	return new constructor();
}

function optionsOf(
	properties: INodeProperties[],
	name: string,
): Array<{ name: string; value: string }> {
	const property = properties.find((candidate) => candidate.name === name);
	return (property?.options ?? []).map((option) => {
		const { name: label, value } = option as { name: string; value: string };
		return { name: label, value };
	});
}

/** Pairs each Authentication option with the credential that its displayOptions show. */
function authMethodsOf(node: INodeType): AuthMethod[] {
	const options = optionsOf(node.description.properties, 'authentication');
	const credentials = node.description.credentials ?? [];

	if (options.length === 0) {
		return credentials.map((credential) => ({
			value: '',
			label: credential.name,
			credentialType: credential.name,
		}));
	}

	return options.map((option) => {
		const credential = credentials.find((candidate) =>
			(candidate.displayOptions?.show?.authentication ?? []).includes(option.value),
		);
		if (!credential) {
			throw new Error(`Authentication "${option.value}" shows no credential on the aitbc node`);
		}
		return {
			value: option.value,
			label: option.name,
			credentialType: credential.name,
		};
	});
}
