/** Runs a polling trigger as n8n's ActiveWorkflows does. */
import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { makeAdditionalData, nodeTypesOf, nodeUnderTest } from './workflow';

export interface PollRun {
	items: IDataObject[];
	/** The node's static data after the poll, as n8n would store it (JSON round trip). */
	staticData: IDataObject;
	/** The workflow's global static data after the poll, the same way. */
	globalStaticData: IDataObject;
	error?: Error;
	/** What the node wrote to n8n's log at level warn during the poll. */
	warnings: string[];
}

/**
 * One poll as n8n's ActiveWorkflows runs it: n8n-core's PollContext, the node's static data handed in,
 * and the result persisted through JSON like n8n's database does. A poll that throws keeps the old data.
 */
export async function runPoll(options: {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	staticData?: IDataObject;
	globalStaticData?: IDataObject;
	mode?: 'trigger' | 'manual';
	/** The workflow's id (default wf-poll): a process's memory of a trigger is per workflow and node. */
	workflowId?: string;
	budgetMs?: number;
}): Promise<PollRun> {
	const helper = new TestCredentialsHelper({ tanmaApi: options.credentials });
	const typeName = options.nodeType.description.name;
	const node = nodeUnderTest(options.nodeType, options.parameters, {
		id: 'trigger',
		name: 'Trigger',
	});
	const globalBefore = JSON.stringify(options.globalStaticData ?? {});
	const workflow = new Workflow({
		id: options.workflowId ?? 'wf-poll',
		staticData: { global: JSON.parse(globalBefore) as IDataObject },
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: nodeTypesOf({ [typeName]: options.nodeType }),
	});
	const before = JSON.stringify(options.staticData ?? {});
	const nodeStaticData = JSON.parse(before) as IDataObject;
	const mode = options.mode ?? 'trigger';
	const context = new PollContext(
		workflow,
		node,
		makeAdditionalData(helper),
		mode,
		mode === 'manual' ? 'manual' : 'activate',
		undefined,
		undefined,
		undefined,
		undefined,
		() => nodeStaticData,
		() => options.budgetMs ?? 5 * 60 * 1000,
	);
	// n8n's logger (one per process), its warnings also kept for the caller while this poll runs.
	const warnings: string[] = [];
	const logger = context.logger;
	const warn = logger.warn;
	logger.warn = (message, meta) => {
		warnings.push(message);
		warn.call(logger, message, meta);
	};
	try {
		const result = await options.nodeType.poll!.call(context);
		const globalStaticData = JSON.parse(
			JSON.stringify(workflow.getStaticData('global', node)),
		) as IDataObject;
		return {
			items: (result?.[0] ?? []).map((i) => i.json),
			staticData: JSON.parse(JSON.stringify(nodeStaticData)) as IDataObject,
			globalStaticData,
			warnings,
		};
	} catch (error) {
		return {
			items: [],
			staticData: JSON.parse(before) as IDataObject,
			globalStaticData: JSON.parse(globalBefore) as IDataObject,
			error: error as Error,
			warnings,
		};
	} finally {
		logger.warn = warn;
	}
}
