import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import {
	entityTypeField,
	erpConnectionLocator,
	readRecordFields,
	recordFieldsInput,
} from '../../shared/erp';

const showOnlyForErpEntityCreate = { operation: ['create'], resource: ['erpEntity'] };

export const erpEntityCreateDescription: INodeProperties[] = [
	erpConnectionLocator(showOnlyForErpEntityCreate),
	entityTypeField(showOnlyForErpEntityCreate),
	...recordFieldsInput(showOnlyForErpEntityCreate),
];

export function prepareErpEntityWrite(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): void {
	const read = (name: string, fallback: unknown) => this.getNodeParameter(name, fallback);
	options.body = readRecordFields(this, read, this.getItemIndex());
}
