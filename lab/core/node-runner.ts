/** Runs an action node or its dropdown methods through n8n-core's WorkflowExecute and LoadOptionsContext. */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	NodeExecutionHint,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { makeAdditionalData, nodeTypesOf, nodeUnderTest } from './workflow';

/** Emits the items given in its "items" parameter: the upstream node of a test workflow. */
const INPUT_TYPE: INodeType = {
	description: {
		displayName: 'Input',
		name: 'test.input',
		group: ['input'],
		version: 1,
		description: 'emits test items',
		defaults: { name: 'Input' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	},
	async execute(this: IExecuteFunctions) {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	},
};

export interface NodeRun {
	items: INodeExecutionData[];
	error?: Error;
	/** The execution hints the node added (n8n shows them above the output). */
	hints: NodeExecutionHint[];
	helper: TestCredentialsHelper;
}

/**
 * Runs "Input → <node>" through n8n-core's WorkflowExecute, the engine n8n itself uses, and returns
 * the node's output items (or the error the run ended with).
 */
export async function runNodeInWorkflow(options: {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	input?: IDataObject[];
	continueOnFail?: boolean;
	/** The node's version in the workflow (default 1, as the workflows saved before version 2 have it). */
	typeVersion?: number;
}): Promise<NodeRun> {
	const helper = new TestCredentialsHelper({ tanmaApi: options.credentials });
	const typeName = options.nodeType.description.name;
	const nodes: INode[] = [
		{
			id: 'input',
			name: 'Input',
			type: 'test.input',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.input ?? [{}]) },
		},
		nodeUnderTest(options.nodeType, options.parameters, {
			position: [200, 0],
			typeVersion: options.typeVersion ?? 1,
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		}),
	];
	const workflow = new Workflow({
		id: 'wf-test',
		nodes,
		connections: { Input: { main: [[{ node: 'Subject', type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes: nodeTypesOf({ 'test.input': INPUT_TYPE, [typeName]: options.nodeType }),
	});
	const additionalData = makeAdditionalData(helper);
	additionalData.hooks = new ExecutionLifecycleHooks('manual', 'exec-test', workflow as never);
	const run = await new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode: nodes[0],
		destinationNode: { nodeName: 'Subject', mode: 'inclusive' },
	});
	const task = run.data.resultData.runData.Subject?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: (task?.error ?? run.data.resultData.error) as Error | undefined,
		hints: task?.hints ?? [],
		helper,
	};
}

/**
 * Calls a node's loadOptions method the way n8n's editor does: through n8n-core's LoadOptionsContext
 * for a node with the given parameters, so credentials and HTTP go through the real stack.
 */
export async function runLoadOptions(options: {
	nodeType: INodeType;
	method: string;
	credentials: ICredentialDataDecryptedObject;
	parameters?: INodeParameters;
}): Promise<INodePropertyOptions[]> {
	const helper = new TestCredentialsHelper({ tanmaApi: options.credentials });
	const typeName = options.nodeType.description.name;
	const node = nodeUnderTest(options.nodeType, options.parameters ?? {});
	const workflow = new Workflow({
		id: 'wf-load-options',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf({ [typeName]: options.nodeType }),
	});
	const context = new LoadOptionsContext(workflow, node, makeAdditionalData(helper), '');
	const method = options.nodeType.methods?.loadOptions?.[options.method];
	if (!method) throw new Error(`no loadOptions method ${options.method}`);
	return await method.call(context);
}

/**
 * Calls a node's listSearch method (a resource locator's *From List*) the way n8n's editor does: through n8n-core's
 * LoadOptionsContext for a node with the given parameters, with the search text and the page token typed so far.
 */
export async function runListSearch(options: {
	nodeType: INodeType;
	method: string;
	credentials: ICredentialDataDecryptedObject;
	parameters?: INodeParameters;
	typeVersion?: number;
	filter?: string;
	paginationToken?: string;
}): Promise<INodeListSearchResult> {
	const helper = new TestCredentialsHelper({ tanmaApi: options.credentials });
	const typeName = options.nodeType.description.name;
	const node = nodeUnderTest(options.nodeType, options.parameters ?? {}, {
		typeVersion: options.typeVersion ?? 2,
	});
	const workflow = new Workflow({
		id: 'wf-list-search',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf({ [typeName]: options.nodeType }),
	});
	// As n8n's editor sends them: the node's parameters as they stand, read by getCurrentNodeParameter.
	const additionalData = Object.assign(makeAdditionalData(helper), {
		currentNodeParameters: options.parameters ?? {},
	});
	const context = new LoadOptionsContext(workflow, node, additionalData, '');
	const method = options.nodeType.methods?.listSearch?.[options.method];
	if (!method) throw new Error(`no listSearch method ${options.method}`);
	return await method.call(context, options.filter, options.paginationToken);
}
