import type { INodeProperties } from 'n8n-workflow';

import { requirePathIds, type PathParameter } from '../../shared/pathIds';
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

const recordsPath: PathParameter[] = [
	{ name: 'connection', field: 'ERP Connection', example: 'conn_sap01' },
	{ name: 'entityType', field: 'Entity Type', example: 'customers' },
];
const oneRecordPath: PathParameter[] = [
	...recordsPath,
	{ name: 'recordId', field: 'Record ID', example: 'cust_8f3a…' },
];

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
					...transportRouting({ prepare: requirePathIds(recordsPath, prepareErpEntityWrite) }),
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an ERP record',
				description: 'Delete a record and output its ID',
				routing: {
					request: { method: 'DELETE', url: oneRecord },
					...transportRouting({ prepare: requirePathIds(oneRecordPath), output: deletedOutput }),
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an ERP record',
				description: 'Retrieve one record by ID',
				routing: {
					request: { method: 'GET', url: oneRecord },
					...transportRouting({ prepare: requirePathIds(oneRecordPath) }),
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many ERP records',
				description: 'List records, most recently created first',
				routing: {
					request: { method: 'GET', url: records },
					...transportRouting({
						prepare: requirePathIds(recordsPath, prepareErpEntityGetMany),
						list: true,
					}),
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an ERP record',
				description: 'Change some fields of a record',
				routing: {
					request: { method: 'PUT', url: oneRecord },
					...transportRouting({ prepare: requirePathIds(oneRecordPath, prepareErpEntityWrite) }),
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
