import type { INodeProperties } from 'n8n-workflow';

import { entityTypeField, erpConnectionLocator, recordFieldsInput } from '../../shared/erp';
import { recordIdField } from './get';

const showOnlyForErpEntityUpdate = { operation: ['update'], resource: ['erpEntity'] };

export const erpEntityUpdateDescription: INodeProperties[] = [
	erpConnectionLocator(showOnlyForErpEntityUpdate),
	entityTypeField(showOnlyForErpEntityUpdate),
	recordIdField(showOnlyForErpEntityUpdate, 'The record to change'),
	...recordFieldsInput(showOnlyForErpEntityUpdate),
];
