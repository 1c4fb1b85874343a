import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { invalidInput } from './validation';

/**
 * Builds the `prepare` step of an operation whose URL ends in an ID parameter. The URL template
 * percent-encodes the ID, but an empty ID still turns `/charges/{id}` into the list route
 * `/charges/`, and `.` or `..` are dot segments that the HTTP client resolves to another route.
 * Expressions skip the editor's ID pattern check, so the node checks here, before any request.
 */
export function requirePathId(parameter: string, field: string, example: string) {
	return function (this: IExecuteSingleFunctions): void {
		const value = this.getNodeParameter(parameter, undefined, { extractValue: true }) as unknown;
		const text = typeof value === 'string' ? value.trim() : '';
		if (text === '' || /^\.+$/.test(text)) {
			throw invalidInput(
				this,
				field,
				`expected an ID, got ${JSON.stringify(value ?? null)}`,
				`Enter an ID such as ${example}, or map a field that contains one.`,
			);
		}
	};
}
