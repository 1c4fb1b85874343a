import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { entityTypeField, erpConnectionLocator } from '../../shared/erp';
import { recordIdField } from './get';

const showOnlyForErpEntityDelete = { operation: ['delete'], resource: ['erpEntity'] };

export const erpEntityDeleteDescription: INodeProperties[] = [
	erpConnectionLocator(showOnlyForErpEntityDelete),
	entityTypeField(showOnlyForErpEntityDelete),
	recordIdField(showOnlyForErpEntityDelete, 'The record to delete'),
];

/** Replaces the deleted record with a confirmation, so nothing downstream mistakes it for live data. */
export function deletedOutput(
	this: IExecuteSingleFunctions,
	records: IDataObject[],
): IDataObject[] {
	return records.map((record) => ({ deleted: true, id: record.id }));
}
