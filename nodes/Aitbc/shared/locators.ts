import type { INodeProperties } from 'n8n-workflow';

type DisplayShow = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

interface LocatorSettings {
	displayName: string;
	name: string;
	description: string;
	/** Absent when the locator sits inside a collection, which handles display itself. */
	show?: DisplayShow;
	required?: boolean;
}

/** A charge picked from a searchable list of recent charges or entered by ID. */
export function chargeLocator(settings: LocatorSettings): INodeProperties {
	return idLocator(settings, 'searchCharges', 'ch', 'ch_8f3a…', 'A charge ID starts with ch_');
}

/** A subscription picked from a searchable list or entered by ID. */
export function subscriptionLocator(settings: LocatorSettings): INodeProperties {
	return idLocator(
		settings,
		'searchSubscriptions',
		'sub',
		'sub_41c2…',
		'A subscription ID starts with sub_',
	);
}

function idLocator(
	settings: LocatorSettings,
	searchListMethod: string,
	prefix: string,
	placeholder: string,
	errorMessage: string,
): INodeProperties {
	const property: INodeProperties = {
		displayName: settings.displayName,
		name: settings.name,
		type: 'resourceLocator',
		required: settings.required ?? true,
		default: { mode: 'list', value: '' },
		description: settings.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				validation: [
					{ type: 'regex', properties: { regex: `^${prefix}_[A-Za-z0-9]+$`, errorMessage } },
				],
			},
		],
	};
	if (settings.show) property.displayOptions = { show: settings.show };
	return property;
}
