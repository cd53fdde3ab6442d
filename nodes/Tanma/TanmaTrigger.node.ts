import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollTriggerProperties } from './trigger/poll/description';
import { runPollTrigger } from './trigger/poll/run';

export class TanmaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tanma Trigger',
		name: 'tanmaTrigger',
		icon: { light: 'file:tanma.svg', dark: 'file:tanma.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when Tanma has a new follow-up record, customer or lead',
		defaults: { name: 'Tanma Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tanmaApi', required: true }],
		properties: pollTriggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await runPollTrigger.call(this);
	}
}
