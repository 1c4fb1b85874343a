import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { parseJsonObject } from './validation';

/** Builds the Metadata entry of an Additional Fields collection, sent as the body's `metadata`. */
export function metadataField(noun: string): INodeProperties {
	return {
		displayName: 'Metadata',
		name: 'metadata',
		type: 'json',
		default: '{}',
		description: `JSON object of your own keys and values stored with the ${noun}`,
		routing: { send: { type: 'body', property: 'metadata' } },
	};
}

/** Replaces the body's metadata text with the parsed object, or drops it when empty. */
export function normalizeMetadata(
	context: IExecuteSingleFunctions,
	body: Record<string, unknown>,
): void {
	const metadata = parseJsonObject(context, 'Metadata', body.metadata);
	if (metadata === undefined) delete body.metadata;
	else body.metadata = metadata;
}
