import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core reads its settings folder when it is first loaded, so point it somewhere disposable.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'aitbc-n8n-'));
process.env.N8N_SSRF_PROTECTION_ENABLED ??= 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';

import { DirectoryLoader, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { AitbcApi } from '../../credentials/AitbcApi.credentials';
import { AitbcHmacApi } from '../../credentials/AitbcHmacApi.credentials';
import { AitbcOAuth2Api } from '../../credentials/AitbcOAuth2Api.credentials';
import { Aitbc } from '../../nodes/Aitbc/Aitbc.node';
import { AitbcTrigger } from '../../nodes/AitbcTrigger/AitbcTrigger.node';
import { codeNode, manualTrigger, noOpNode, scheduleTrigger } from './coreNodes';
import { credentialTestNode } from './credentialTestNode';
import { HarnessCredentialsHelper } from './credentials';

/**
 * Returns the AITBC node as n8n's loader hands it over, with the Request Options collection that
 * n8n adds to every declarative node.
 */
function loadedAitbcNode(): INodeType {
	const nodeType = new Aitbc();
	DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
	return nodeType;
}

export const nodeTypesByName: Record<string, INodeType> = {
	'n8n-nodes-aitbc.aitbc': loadedAitbcNode(),
	'n8n-nodes-aitbc.aitbcTrigger': new AitbcTrigger(),
	'n8n-nodes-base.manualTrigger': manualTrigger,
	'n8n-nodes-base.scheduleTrigger': scheduleTrigger,
	'n8n-nodes-base.code': codeNode,
	'n8n-nodes-base.noOp': noOpNode,
	'n8n-nodes-harness.credentialTest': credentialTestNode,
};

export const credentialTypes: ICredentialType[] = [
	new AitbcApi(),
	new AitbcOAuth2Api(),
	new AitbcHmacApi(),
];

export class HarnessNodeTypes implements INodeTypes {
	getByName(type: string): INodeType {
		const nodeType = nodeTypesByName[type];
		if (!nodeType) throw new Error(`The test harness does not know node type "${type}"`);
		return nodeType;
	}

	getByNameAndVersion(type: string): INodeType {
		return this.getByName(type);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	staticData?: IDataObject | null;
	settings?: IDataObject;
}

export interface RunOptions {
	/** Decrypted credential data by credential type name. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** 'manual' is a run from the editor; 'trigger' is a scheduled or activated run. */
	mode?: WorkflowExecuteMode;
	/** Static data carried between runs, as n8n stores it with the workflow. */
	staticData?: IDataObject;
}

export interface RunResult {
	run: IRun;
	/** Items of a node's output (0 is the main output; 1 is the error output when enabled). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	error?: Error;
	staticData: IDataObject;
	credentialsHelper: HarnessCredentialsHelper;
}

/** Executes a workflow with n8n-core's WorkflowExecute, as n8n does for a run of the workflow. */
export async function runWorkflow(json: WorkflowJson, options: RunOptions): Promise<RunResult> {
	const nodeTypes = new HarnessNodeTypes();
	const staticData = options.staticData ?? (json.staticData as IDataObject | undefined) ?? {};
	const workflow = new Workflow({
		id: json.id ?? randomUUID(),
		name: json.name,
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		staticData,
		settings: json.settings,
	});

	const mode = options.mode ?? 'manual';
	const credentialStore = new Map(Object.entries(options.credentials));
	const credentialsHelper = new HarnessCredentialsHelper(
		new Map(credentialTypes.map((type) => [type.name, type])),
		credentialStore,
	);
	const workflowData = { ...json, id: workflow.id, active: false } as unknown as IWorkflowBase;
	const additionalData = createAdditionalData(mode, workflowData, credentialsHelper);

	const startNode = json.nodes.find((node) =>
		nodeTypesByName[node.type]?.description.group.includes('trigger'),
	);
	const run = await new WorkflowExecute(additionalData, mode).run({ workflow, startNode });

	const runData = run.data.resultData.runData;
	return {
		run,
		error: run.data.resultData.error as Error | undefined,
		staticData: workflow.staticData,
		credentialsHelper,
		output(nodeName, outputIndex = 0) {
			const tasks = runData[nodeName];
			if (!tasks?.length) return [];
			return tasks[tasks.length - 1].data?.main?.[outputIndex] ?? [];
		},
	};
}

/**
 * What n8n's server hands the engine for one execution: credentials, lifecycle hooks and the
 * base URLs. A trigger test passes its own listener as `webhookBaseUrl`.
 */
export function createAdditionalData(
	mode: WorkflowExecuteMode,
	workflowData: IWorkflowBase,
	credentialsHelper: HarnessCredentialsHelper,
	urls: { webhookBaseUrl?: string; webhookTestBaseUrl?: string } = {},
): IWorkflowExecuteAdditionalData {
	const executionId = randomUUID();

	return {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
		executionId,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in the test harness');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: urls.webhookBaseUrl ?? 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: urls.webhookTestBaseUrl ?? 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in the test harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}
