import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { invalidInput } from './validation';

type Prepare = (
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
) => void | Promise<void>;

/** A node parameter that the URL template puts into one path segment. */
export interface PathParameter {
	name: string;
	/** Field name as the editor shows it, for the error message. */
	field: string;
	example: string;
}

/**
 * Builds the `prepare` step of an operation whose URL contains ID parameters, then runs `next`.
 * The URL template percent-encodes each ID, but an empty ID still turns `/charges/{id}` into the
 * list route `/charges/`, and `.` or `..` are dot segments that the HTTP client resolves to
 * another route. Expressions skip the editor's ID pattern check, so the node checks here, before
 * any request.
 */
export function requirePathIds(parameters: PathParameter[], next?: Prepare): Prepare {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		for (const { name, field, example } of parameters) {
			const value = this.getNodeParameter(name, undefined, { extractValue: true }) as unknown;
			const text = typeof value === 'string' ? value.trim() : '';
			if (text === '' || /^\.+$/.test(text)) {
				throw invalidInput(
					this,
					field,
					`expected an ID, got ${JSON.stringify(value ?? null)}`,
					`Enter an ID such as ${example}, or map a field that contains one.`,
				);
			}
		}
		await next?.call(this, options);
	};
}

export function requirePathId(name: string, field: string, example: string): Prepare {
	return requirePathIds([{ name, field, example }]);
}
