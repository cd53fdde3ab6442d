/** What n8n-core needs around a node: additional data, node types, the node itself. */
import type {
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers } from 'n8n-workflow';

export function makeAdditionalData(helper: ICredentialsHelper): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: helper,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('not used in tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function nodeTypesOf(types: Record<string, INodeType>): INodeTypes {
	return {
		getByName: (name) => types[name],
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(types[name], version),
		getKnownTypes: () => ({}),
	};
}

/** The node under test, wired to the sandbox credential. */
export function nodeUnderTest(
	nodeType: INodeType,
	parameters: INodeParameters,
	extra: Partial<INode> = {},
): INode {
	return {
		id: 'subject',
		name: 'Subject',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { tanmaApi: { id: '1', name: 'Tanma sandbox' } },
		...extra,
	};
}
