/** Hosts a webhook node behind a real HTTP listener, as n8n's webhook server does. */
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { makeAdditionalData, nodeTypesOf, nodeUnderTest } from './workflow';

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
	/** How long registering an execution takes (ms, default 1). */
	registerDelayMs?: number;
	/** Asked per execution: true = n8n could not start it (it answers 500, as when its database refuses). */
	failToStart?: () => boolean;
}): Promise<WebhookHost> {
	const helper = new TestCredentialsHelper({ tanmaApi: options.credentials });
	const typeName = options.nodeType.description.name;
	const webhookId = 'c0ffee00-1111-4222-8333-944445555666';
	const node = nodeUnderTest(options.nodeType, options.parameters, {
		id: 'push',
		name: 'Push',
		webhookId,
	});
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
	const additionalDataFor = () => ({
		...makeAdditionalData(helper),
		webhookBaseUrl: `${base}/webhook`,
	});
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
				const additionalData = {
					...additionalDataFor(),
					httpRequest: req,
					httpResponse: res,
				} as unknown as IWorkflowExecuteAdditionalData;
				const context = new WebhookContext(
					workflow,
					node,
					additionalData,
					'webhook',
					webhookData(workflow) as never,
					[],
					null,
				);
				// As n8n 2.40.7's "onReceived" path: a node that answered itself is left alone; otherwise the
				// execution is registered first, the static data saved, and only then the node's answer sent
				// (or an error, when no execution could be started).
				const save = async () => {
					// n8n writes static data only when it is marked changed, to its database: a copy sent meanwhile
					// can be read before the write lands.
					if ((workflow.staticData as { __dataChanged?: boolean }).__dataChanged !== true) return;
					await new Promise((resolve) => setTimeout(resolve, 5));
					savedStaticData = JSON.stringify(workflow.staticData);
				};
				try {
					const result = await options.nodeType.webhook!.call(context);
					if (result.workflowData) {
						await new Promise((resolve) => setTimeout(resolve, options.registerDelayMs ?? 1));
						if (options.failToStart?.())
							throw new Error('There was a problem executing the workflow');
						executions.push(result.workflowData[0].map((i) => i.json));
						// Registering builds the execution's own Workflow over the same static-data object, which
						// (n8n-workflow's ObservableObject) clears its changed mark before n8n's save below.
						new Workflow({
							id: workflowId,
							nodes: [node],
							connections: {},
							active: true,
							nodeTypes: nodeTypesOf({ [typeName]: options.nodeType }),
							staticData: workflow.staticData,
						});
					}
					// n8n 2.40.7 reads the answer after registering and before saving: a started execution is answered
					// with the description's responseData when it is set and not "noData" (undefined reads as
					// "firstEntryJson", answered as that very text), else the node's answer.
					const responseData =
						options.nodeType.description.webhooks![0].responseData ?? 'firstEntryJson';
					const started =
						result.workflowData && responseData !== 'noData' ? responseData : undefined;
					const body = result.noWebhookResponse
						? undefined
						: started || (result.webhookResponse ?? { message: 'Workflow was started' });
					await save();
					if (body === undefined || res.writableEnded) return;
					if (!res.getHeader('content-type'))
						res.setHeader(
							'Content-Type',
							typeof body === 'string'
								? 'text/html; charset=utf-8'
								: 'application/json; charset=utf-8',
						);
					res.statusCode = 200;
					res.end(typeof body === 'string' ? body : JSON.stringify(body));
				} catch (error) {
					if (!res.writableEnded) {
						res.statusCode = 500;
						res.end(String((error as Error).message));
					}
				}
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
			const context = new HookContext(
				workflow,
				node,
				additionalDataFor() as IWorkflowExecuteAdditionalData,
				'trigger',
				'activate',
				webhookData(workflow) as never,
			);
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
