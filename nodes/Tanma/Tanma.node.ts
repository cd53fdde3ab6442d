import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/description';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';

export class Tanma implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tanma',
		name: 'tanma',
		icon: { light: 'file:tanma.svg', dark: 'file:tanma.dark.svg' },
		group: ['transform'],
		// Version 2: records picked from searchable lists (resource locators) and Simplify on large records; version 3:
		// the group owner in Create Group SOP picked like any staff member. Earlier versions stay for the workflows
		// saved with them.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Work with customers, follow-ups, SOP tasks, group messages and work orders in Tanma SCRM',
		defaults: { name: 'Tanma' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tanmaApi', required: true }],
		properties,
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
