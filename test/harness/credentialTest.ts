import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import {
	applyDefaultsAndExpressions,
	credentialExpressionContext,
	resolveCredentialExpression,
} from './credentials';
import { credentialTypes, runWorkflow, type RunResult, type WorkflowJson } from './engine';

export interface CredentialTestOutcome {
	/** 'OK' or 'Error', as n8n's credential test reports it. */
	status: 'OK' | 'Error';
	message: string;
	result: RunResult;
}

/**
 * Runs a credential type's `test.request` against its base URL with the given data, as the
 * Test button in n8n does: expressions over `$credentials` are resolved first, then the request
 * goes through the authenticated request helper. Any error fails the test.
 */
export async function testCredential(
	typeName: string,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestOutcome> {
	const type = credentialTypes.find((candidate) => candidate.name === typeName);
	if (!type?.test?.request) throw new Error(`Credential type "${typeName}" has no test request`);

	const credentials = applyDefaultsAndExpressions(type.properties, structuredClone(data));
	const request: IHttpRequestOptions = { url: '' };
	for (const [field, value] of Object.entries(type.test.request)) {
		(request as unknown as Record<string, unknown>)[field] =
			typeof value === 'string' ? resolveExpression(value, credentials) : value;
	}

	const result = await sendWithCredential(typeName, data, request);
	if (result.error) return { status: 'Error', message: result.error.message, result };
	return { status: 'OK', message: 'Connection successful', result };
}

/**
 * Sends one request through n8n's authenticated request helper with a credential of the given
 * type. The node's single output item contains the response `statusCode` and `body`.
 */
export async function sendWithCredential(
	typeName: string,
	data: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
): Promise<RunResult> {
	return await runWorkflow(credentialTestWorkflow(typeName, request), {
		credentials: { [typeName]: data },
	});
}

function resolveExpression(value: string, credentials: ICredentialDataDecryptedObject): string {
	const { workflow, node } = credentialExpressionContext();
	return resolveCredentialExpression(value, credentials, workflow, node);
}

function credentialTestWorkflow(typeName: string, request: IHttpRequestOptions): WorkflowJson {
	return {
		name: 'Credential test',
		nodes: [
			{
				id: 'trigger',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'credential-test',
				name: 'Credential Test',
				type: 'n8n-nodes-harness.credentialTest',
				typeVersion: 1,
				position: [200, 0],
				parameters: { credentialType: typeName, request: JSON.stringify(request) },
				credentials: { [typeName]: { id: `cred-test-${typeName}`, name: 'Credential under test' } },
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Credential Test', type: 'main', index: 0 }]] },
		},
	};
}
