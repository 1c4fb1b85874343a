import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { searchCharges } from './listSearch/searchCharges';
import { searchErpConnections } from './listSearch/searchErpConnections';
import { searchSubscriptions } from './listSearch/searchSubscriptions';
import { chargeDescription } from './resources/charge';
import { erpBatchDescription } from './resources/erpBatch';
import { erpBatchRun } from './resources/erpBatch/run';
import { erpEntityDescription } from './resources/erpEntity';
import { erpSyncDescription } from './resources/erpSync';
import { erpSyncPull } from './resources/erpSync/pull';
import { paymentMethodDescription } from './resources/paymentMethod';
import { refundDescription } from './resources/refund';
import { subscriptionDescription } from './resources/subscription';
import { syncDescription } from './resources/sync';
import { syncGetChanges } from './resources/sync/getChanges';
import { syncStartJob } from './resources/sync/startJob';
import { aitbcCredentials, authenticationProperty } from './shared/authentication';
import { withRunSummary } from './transport/limiter';
import { transportOptionsDescription } from './transport/settings';

export class Aitbc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AITBC',
		name: 'aitbc',
		icon: { light: 'file:../../icons/aitbc.svg', dark: 'file:../../icons/aitbc.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create and read AITBC payments, ERP records and sync jobs',
		defaults: { name: 'AITBC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: aitbcCredentials,
		// The transport adds the base URL from the credential: as an expression here, n8n would
		// evaluate it twice for every item before sending anything.
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Charge', value: 'charge' },
					{ name: 'ERP Batch', value: 'erpBatch' },
					{ name: 'ERP Entity', value: 'erpEntity' },
					{ name: 'ERP Sync', value: 'erpSync' },
					{ name: 'Payment Method', value: 'paymentMethod' },
					{ name: 'Refund', value: 'refund' },
					{ name: 'Subscription', value: 'subscription' },
					{ name: 'Sync', value: 'sync' },
				],
				default: 'charge',
			},
			...chargeDescription,
			...refundDescription,
			...paymentMethodDescription,
			...subscriptionDescription,
			...erpEntityDescription,
			...erpSyncDescription,
			...erpBatchDescription,
			...syncDescription,
			transportOptionsDescription,
		],
	};

	methods = {
		listSearch: { searchCharges, searchErpConnections, searchSubscriptions },
	};

	/** Operations that n8n runs instead of routing, because they span items or keep state. */
	customOperations = {
		erpBatch: { run: withRunSummary(erpBatchRun) },
		erpSync: { pull: withRunSummary(erpSyncPull) },
		sync: {
			getChanges: withRunSummary(syncGetChanges),
			startJob: withRunSummary(syncStartJob),
		},
	};
}
