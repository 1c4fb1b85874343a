import type { INodeProperties } from 'n8n-workflow';

import { transportRouting } from '../../transport/operation';
import { erpEntityCreateDescription, prepareErpEntityWrite } from './create';
import { deletedOutput, erpEntityDeleteDescription } from './delete';
import { erpEntityGetDescription } from './get';
import { erpEntityGetManyDescription, prepareErpEntityGetMany } from './getAll';
import { erpEntityUpdateDescription } from './update';

const showOnlyForErpEntities = { resource: ['erpEntity'] };

const records =
	'=/erp/connections/{{ encodeURIComponent($parameter.connection) }}/{{ encodeURIComponent($parameter.entityType) }}';
const oneRecord = `${records}/{{ encodeURIComponent($parameter.recordId) }}`;

export const erpEntityDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForErpEntities },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an ERP record',
				description: 'Create a record in the connected ERP',
				routing: {
					request: { method: 'POST', url: records },
					...transportRouting({ prepare: prepareErpEntityWrite }),
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an ERP record',
				description: 'Delete a record and output its ID',
				routing: {
					request: { method: 'DELETE', url: oneRecord },
					...transportRouting({ output: deletedOutput }),
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an ERP record',
				description: 'Retrieve one record by ID',
				routing: {
					request: { method: 'GET', url: oneRecord },
					...transportRouting(),
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many ERP records',
				description: 'List records, most recently created first',
				routing: {
					request: { method: 'GET', url: records },
					...transportRouting({ prepare: prepareErpEntityGetMany, list: true }),
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an ERP record',
				description: 'Change some fields of a record',
				routing: {
					request: { method: 'PUT', url: oneRecord },
					...transportRouting({ prepare: prepareErpEntityWrite }),
				},
			},
		],
		default: 'create',
	},
	...erpEntityCreateDescription,
	...erpEntityGetDescription,
	...erpEntityGetManyDescription,
	...erpEntityUpdateDescription,
	...erpEntityDeleteDescription,
];
