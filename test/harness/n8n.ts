/**
 * Runs our code inside n8n-core's real execution machinery: a real Workflow, real execution contexts,
 * n8n's real HTTP stack (httpRequestWithAuthentication → OutboundHttp → axios) against the sandbox.
 * Only the credentials store is ours: it hands out the test credential data and, like n8n's
 * CredentialsHelper, calls the credential type's `authenticate` function.
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	HookContext,
	LoadOptionsContext,
	PollContext,
	RoutingNode,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IDataObject,
	IExecuteFunctions,
	INodeParameters,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodePropertyOptions,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

import { TanmaApi } from '../../credentials/TanmaApi.credentials';

export const CREDENTIAL_TYPES: Record<string, ICredentialType> = { tanmaApi: new TanmaApi() };

export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every request options object handed to `authenticate`, and what it returned. */
	readonly authenticated: Array<{ before: IHttpRequestOptions; after: IHttpRequestOptions }> = [];

	/** How often n8n asked for the decrypted credential (in n8n: a database read and a decryption). */
	decryptions = 0;

	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = CREDENTIAL_TYPES[typeName];
		if (typeof type?.authenticate !== 'function') return requestOptions;
		const before = structuredClone(requestOptions);
		const after = await type.authenticate(credentials, requestOptions);
		this.authenticated.push({ before, after });
		return after;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.data[type];
		if (!found) throw new Error(`no test credentials of type ${type}`);
		this.decryptions++;
		return { ...found };
	}

	async updateCredentials(): Promise<void> {}

	/** What a user saving the credential in n8n's editor does. */
	replace(type: string, data: ICredentialDataDecryptedObject): void {
		this.data[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}
}

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

/** A bare node type that holds a Tanma credential; transport tests call helpers in its context. */
const PROBE_TYPE: INodeType = {
	description: {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'test probe',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'tanmaApi', required: true }],
		properties: [],
	},
};

export function credentialsFor(sandbox: { baseUrl: string; appId: string; appKey: string }, overrides: ICredentialDataDecryptedObject = {}) {
	return {
		appId: sandbox.appId,
		appKey: sandbox.appKey,
		baseUrl: sandbox.baseUrl,
		sendAppKeyHeader: false,
		...overrides,
	};
}

/** An ExecuteContext of a workflow holding one probe node, wired to the given credentials. */
export function probeContext(credentials: ICredentialDataDecryptedObject) {
	const helper = new TestCredentialsHelper({ tanmaApi: credentials });
	const node: INode = {
		id: 'probe-1',
		name: 'Probe',
		type: 'probe',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { tanmaApi: { id: '1', name: 'Tanma sandbox' } },
	};
	const workflow = new Workflow({
		id: 'wf-probe',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf({ probe: PROBE_TYPE }),
	});
	const additionalData = makeAdditionalData(helper);
	const runExecutionData: IRunExecutionData = createRunExecutionData();
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: { main: [[{ json: {} }]] }, source: null },
		[],
	);
	return { context, helper };
}

/**
 * n8n's credential test for request-style tests, step for step as the CLI's CredentialsTester does it:
 * the test request runs through n8n-core's RoutingNode, then the rules are checked in order.
 */
export async function runCredentialTest(
	credentialTypeName: string,
	credentials: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const type = CREDENTIAL_TYPES[credentialTypeName];
	const testRequest = type.test;
	if (!testRequest) throw new Error('credential has no test');
	const helper = new TestCredentialsHelper({ [credentialTypeName]: credentials });
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialTypeName]: { id: '1', name: 'test' } },
	};
	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: '',
			defaults: { name: 'No Operation' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialTypeName, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf({ 'n8n-nodes-base.noOp': nodeType }),
	});
	const context = new ExecuteContext(
		workflow,
		node,
		makeAdditionalData(helper),
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeType, { id: '1', name: 'test', type: credentialTypeName, data: credentials }).runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) {
			const status = cause.response.status;
			if (status < 199 || status > 299) {
				return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${status}` };
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json ?? {};
		const value = rule.properties.key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], body);
		if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** The node under test, wired to the sandbox credential. */
function nodeUnderTest(nodeType: INodeType, parameters: INodeParameters, extra: Partial<INode> = {}): INode {
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
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: nodes[0], destinationNode: { nodeName: 'Subject', mode: 'inclusive' } });
	const task = run.data.resultData.runData.Subject?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: (task?.error ?? run.data.resultData.error) as Error | undefined,
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

export interface PollRun {
	items: IDataObject[];
	/** The node's static data after the poll, as n8n would store it (JSON round trip). */
	staticData: IDataObject;
	error?: Error;
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
	mode?: 'trigger' | 'manual';
	budgetMs?: number;
}): Promise<PollRun> {
	const helper = new TestCredentialsHelper({ tanmaApi: options.credentials });
	const typeName = options.nodeType.description.name;
	const node = nodeUnderTest(options.nodeType, options.parameters, { id: 'trigger', name: 'Trigger' });
	const workflow = new Workflow({
		id: 'wf-poll',
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
	try {
		const result = await options.nodeType.poll!.call(context);
		return { items: (result?.[0] ?? []).map((i) => i.json), staticData: JSON.parse(JSON.stringify(nodeStaticData)) as IDataObject };
	} catch (error) {
		return { items: [], staticData: JSON.parse(before) as IDataObject, error: error as Error };
	}
}

export interface WebhookHost {
	/** Base URL; the node's production webhook URL is `${url}/${webhookId}/webhook`. */
	url: string;
	webhookUrl: string;
	workflowId: string;
	/** The workflow's static data as last saved (JSON). */
	staticData(): string;
	/** Items of each execution the webhook started. */
	executions: IDataObject[][];
	/** n8n's credential store as the node sees it: counts reads, can be changed. */
	credentials: TestCredentialsHelper;
	/** Runs the node's webhookMethods (checkExists → create) as n8n does on activation. */
	activate(): Promise<{ created: boolean }>;
	close(): Promise<void>;
}

/**
 * Hosts a webhook node like n8n's webhook server: a real HTTP listener, the raw body kept on
 * `req.rawBody`, n8n-core's WebhookContext per request, and the workflow's static data persisted
 * through JSON between requests.
 */
let webhookHosts = 0;

export async function startWebhookHost(options: {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** Same id and static data as an earlier host = the same workflow after an n8n restart. */
	workflowId?: string;
	staticData?: string;
}): Promise<WebhookHost> {
	const helper = new TestCredentialsHelper({ tanmaApi: options.credentials });
	const typeName = options.nodeType.description.name;
	const webhookId = 'c0ffee00-1111-4222-8333-944445555666';
	const node = nodeUnderTest(options.nodeType, options.parameters, { id: 'push', name: 'Push', webhookId });
	const workflowId = options.workflowId ?? `wf-push-${++webhookHosts}`;
	// Like n8n: static data is loaded for each request and saved after it was handled.
	let savedStaticData = options.staticData ?? '{}';
	const executions: IDataObject[][] = [];
	const makeWorkflow = () =>
		new Workflow({
			id: workflowId,
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: nodeTypesOf({ [typeName]: options.nodeType }),
			staticData: JSON.parse(savedStaticData) as IDataObject,
		});
	let base = '';
	const additionalDataFor = () => ({ ...makeAdditionalData(helper), webhookBaseUrl: `${base}/webhook` });
	const webhookData = (workflow: Workflow) => ({
		httpMethod: 'POST' as const,
		node: node.name,
		path: `${webhookId}/webhook`,
		webhookDescription: options.nodeType.description.webhooks![0],
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalDataFor(),
	});

	const inFlight = new Set<Promise<void>>();
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const handled = (async () => {
				const rawBody = Buffer.concat(chunks);
				Object.assign(req, { rawBody, body: rawBody.toString('utf8'), params: {}, query: {} });
				const workflow = makeWorkflow();
				const additionalData = { ...additionalDataFor(), httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
				const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData(workflow) as never, [], null);
				try {
					const result = await options.nodeType.webhook!.call(context);
					if (result.workflowData) executions.push(result.workflowData[0].map((i) => i.json));
					if (!result.noWebhookResponse && !res.writableEnded) res.end();
				} catch (error) {
					if (!res.writableEnded) {
						res.statusCode = 500;
						res.end(String((error as Error).message));
					}
				}
				// n8n writes static data to its database after the answer has gone out: a copy sent right after
				// the answer can be read before the write lands.
				await new Promise((resolve) => setTimeout(resolve, 5));
				savedStaticData = JSON.stringify(workflow.staticData);
			})();
			inFlight.add(handled);
			void handled.finally(() => inFlight.delete(handled));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url: base,
		webhookUrl: `${base}/webhook/${webhookId}/webhook`,
		workflowId,
		staticData: () => savedStaticData,
		executions,
		credentials: helper,
		async activate() {
			const workflow = makeWorkflow();
			const methods = options.nodeType.webhookMethods!.default!;
			const context = new HookContext(workflow, node, additionalDataFor() as IWorkflowExecuteAdditionalData, 'trigger', 'activate', webhookData(workflow) as never);
			if (await methods.checkExists.call(context)) return { created: false };
			return { created: await methods.create.call(context) };
		},
		// Like n8n's graceful stop: requests being handled finish (and save) first.
		close: async () => {
			await Promise.all(inFlight);
			await new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			});
		},
	};
}

/**
 * Fakes only Date (timers, sockets and microtasks stay real), so the sandbox and the code under test share
 * a clock that a test can move with jest.setSystemTime.
 */
export function useFakeDate(now: number): void {
	jest.useFakeTimers({
		doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'],
		now,
	});
}
