import type { INodeProperties } from 'n8n-workflow';

import { entityTypeField, erpConnectionLocator } from '../../shared/erp';

type DisplayShow = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

const showOnlyForErpEntityGet = { operation: ['get'], resource: ['erpEntity'] };

export function recordIdField(show: DisplayShow, description: string): INodeProperties {
	return {
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '',
		placeholder: 'cust_8f3a…',
		description,
	};
}

export const erpEntityGetDescription: INodeProperties[] = [
	erpConnectionLocator(showOnlyForErpEntityGet),
	entityTypeField(showOnlyForErpEntityGet),
	recordIdField(showOnlyForErpEntityGet, 'The record to retrieve'),
];
