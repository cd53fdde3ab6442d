/** Workflows the end-to-end tests and the demo import into a real n8n. */
export const CREDENTIAL_ID = 'tanmaSandbox0001';
export const CREDENTIAL_REF = { tanmaApi: { id: CREDENTIAL_ID, name: 'Tanma sandbox' } };

export function sandboxCredential(sandbox: { baseUrl: string; appId: string; appKey: string }) {
	return [
		{
			id: CREDENTIAL_ID,
			name: 'Tanma sandbox',
			type: 'tanmaApi',
			data: {
				appId: sandbox.appId,
				appKey: sandbox.appKey,
				baseUrl: sandbox.baseUrl,
				sendAppKeyHeader: false,
			},
		},
	];
}

/** The manual trigger a workflow run from the editor starts at ("Start"). */
const MANUAL_START = {
	id: 'start',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** HTTP Request → the sandbox's sink; `jsonBody` says what each item records (default: event, id, workflow, execution, item). */
export const sinkNode = (
	sinkUrl: string,
	position: [number, number],
	jsonBody = '={{ JSON.stringify({ event: $json.type ?? "followUp", id: $json.id ?? $json.msgId, workflow: $workflow.id, execution: $execution.id, json: $json }) }}',
) => ({
	id: 'sink',
	name: 'Record in Sink',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	position,
	parameters: {
		method: 'POST',
		url: sinkUrl,
		sendBody: true,
		specifyBody: 'json',
		// The execution id lets a test match each delivery to the process that ran it (queue mode).
		jsonBody,
		options: {},
	},
});

/** Manual trigger → Customer Search (limit 3, one customer id beyond 2^53). */
export function actionWorkflow() {
	return {
		id: 'tanmaE2eAction01',
		name: 'Tanma e2e: customer search',
		active: false,
		nodes: [
			MANUAL_START,
			{
				id: 'search',
				name: 'Search Customers',
				type: 'n8n-nodes-tanma.tanma',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'customer',
					operation: 'search',
					returnAll: false,
					limit: 3,
					filters: { customerId: '9007199254740993' },
				},
				credentials: CREDENTIAL_REF,
			},
		],
		connections: { Start: { main: [[{ node: 'Search Customers', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** A Tanma action node at x on the sandbox credential. */
const tanmaNode = (id: string, name: string, x: number, parameters: object) => ({
	id,
	name,
	type: 'n8n-nodes-tanma.tanma',
	typeVersion: 1,
	position: [x, 0],
	parameters,
	credentials: CREDENTIAL_REF,
});

/** Manual trigger → Tanma Tenant Check: one output item per inference. */
export function tenantCheckWorkflow() {
	return {
		id: 'tanmaE2eTenant01',
		name: 'Tanma e2e: tenant check',
		active: false,
		nodes: [
			MANUAL_START,
			tanmaNode('check', 'Tenant Check', 220, { resource: 'tenant', operation: 'check' }),
		],
		connections: { Start: { main: [[{ node: 'Tenant Check', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Manual trigger → Order Create or Update (the given fields) → Order Get Many (limit 2). */
export function orderWorkflow(createParameters: object) {
	return {
		id: 'tanmaE2eOrders01',
		name: 'Tanma e2e: orders',
		active: false,
		nodes: [
			MANUAL_START,
			tanmaNode('import', 'Import Order', 220, {
				resource: 'order',
				operation: 'createOrUpdate',
				...createParameters,
			}),
			tanmaNode('list', 'List Orders', 440, {
				resource: 'order',
				operation: 'getMany',
				returnAll: false,
				limit: 2,
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Import Order', type: 'main', index: 0 }]] },
			'Import Order': { main: [[{ node: 'List Orders', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Manual trigger → Customer Get with an object where the id belongs → Get Many by Created Time with an impossible
 * date, both on Continue On Fail: the two bad inputs found from outside in a real n8n (see README).
 */
export function badInputWorkflow() {
	const tanma = (id: string, name: string, x: number, parameters: object) => ({
		...tanmaNode(id, name, x, parameters),
		onError: 'continueRegularOutput',
	});
	return {
		id: 'tanmaE2eBadInput',
		name: 'Tanma e2e: bad input',
		active: false,
		nodes: [
			MANUAL_START,
			tanma('get', 'Get Customer', 220, {
				resource: 'customer',
				operation: 'get',
				externalUserId: '={{ {a: 1} }}',
			}),
			tanma('window', 'Customers Created', 440, {
				resource: 'customer',
				operation: 'getManyByCreatedTime',
				since: '2026-02-30 10:00:00',
				before: '2026-03-31 00:00:00',
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Get Customer', type: 'main', index: 0 }]] },
			'Get Customer': { main: [[{ node: 'Customers Created', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Manual trigger → Work Order → Create, as a user builds it (no Continue On Fail, no Retry On Fail). */
export function workOrderWorkflow() {
	return {
		id: 'tanmaE2eWorkOrd1',
		name: 'Tanma e2e: create a work order',
		active: false,
		nodes: [
			MANUAL_START,
			tanmaNode('create', 'Create Work Order', 220, {
				resource: 'workOrder',
				operation: 'create',
				moduleId: '430975492448320',
				title: '客户要报价',
				content: '请尽快联系',
				priority: 2,
				departmentId: '3765',
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Create Work Order', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Tanma Trigger (every minute, recently active customers) → sink. */
export function triggerWorkflow(
	sinkUrl: string,
	startFrom: string,
	/** Another trigger beside the first: its id, Specific Customers instead of Recently Active, its credential. */
	variant: {
		id?: string;
		externalUserIds?: string[];
		credential?: { id: string; name: string };
	} = {},
) {
	const watch = variant.externalUserIds
		? { scope: 'specificCustomers', externalUserIds: variant.externalUserIds.join('\n') }
		: { scope: 'recentlyActive' };
	return {
		id: variant.id ?? 'tanmaE2eTrigger1',
		name: `Tanma e2e: new follow-ups to sink (${variant.id ?? 'recently active'})`,
		active: false,
		nodes: [
			{
				id: 'trigger',
				name: 'Tanma Trigger',
				type: 'n8n-nodes-tanma.tanmaTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'newFollowUp',
					...watch,
					options: { lateArrivalMinutes: 2, startFrom },
				},
				credentials: variant.credential ? { tanmaApi: variant.credential } : CREDENTIAL_REF,
			},
			sinkNode(sinkUrl, [220, 0]),
		],
		connections: {
			'Tanma Trigger': { main: [[{ node: 'Record in Sink', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export const PUSH_WEBHOOK_ID = '5ad0b0e2-7c1d-4c55-9d1e-7a2f3c4d5e6f';

/** Tanma Push Trigger (all events) → sink. */
export function pushWorkflow(
	sinkUrl: string,
	variant: {
		id?: string;
		webhookId?: string;
		credential?: { id: string; name: string };
		options?: object;
	} = {},
) {
	return {
		id: variant.id ?? 'tanmaE2ePush0001',
		name: `Tanma e2e: pushes to sink (${variant.id ?? 'sandbox'})`,
		active: false,
		nodes: [
			{
				id: 'push',
				name: 'Tanma Push Trigger',
				type: 'n8n-nodes-tanma.tanmaPushTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: variant.webhookId ?? PUSH_WEBHOOK_ID,
				parameters: { events: ['*'], registerAddress: false, options: variant.options ?? {} },
				credentials: variant.credential ? { tanmaApi: variant.credential } : CREDENTIAL_REF,
			},
			sinkNode(sinkUrl, [220, 0]),
		],
		connections: {
			'Tanma Push Trigger': { main: [[{ node: 'Record in Sink', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The credential of Tanma's push worked example (App ID = App Key = zc_test), no Corp ID. */
export const VENDOR_EXAMPLE_CREDENTIAL = {
	id: 'tanmaVendorEx001',
	name: 'Tanma push worked example',
};
export const VENDOR_PUSH_WEBHOOK_ID = '0b5e7a1c-2d3f-4a5b-8c6d-7e8f9a0b1c2d';

export function vendorExampleCredential(
	baseUrl: string,
	inputs: { appId: string; appKey: string },
) {
	return [
		{
			...VENDOR_EXAMPLE_CREDENTIAL,
			type: 'tanmaApi',
			data: { appId: inputs.appId, appKey: inputs.appKey, baseUrl, sendAppKeyHeader: false },
		},
	];
}

/** Tanma Push Trigger → Wait (`waitSeconds`) → sink: an execution still running when n8n is killed. */
export function pushWaitWorkflow(
	sinkUrl: string,
	variant: { id: string; webhookId: string; waitSeconds: number; options?: object },
) {
	const base = pushWorkflow(sinkUrl, {
		id: variant.id,
		webhookId: variant.webhookId,
		options: variant.options,
	});
	const [trigger, sink] = base.nodes;
	return {
		...base,
		name: `Tanma e2e: pushes → wait ${variant.waitSeconds} s → sink`,
		nodes: [
			trigger,
			{
				id: 'wait',
				name: 'Wait',
				type: 'n8n-nodes-base.wait',
				typeVersion: 1.1,
				position: [220, 0],
				webhookId: '3f0d1c2b-5a4e-4f6d-9c8b-7a6e5d4c3b2a',
				parameters: { amount: variant.waitSeconds, unit: 'seconds' },
			},
			{ ...sink, position: [440, 0] },
		],
		connections: {
			'Tanma Push Trigger': { main: [[{ node: 'Wait', type: 'main', index: 0 }]] },
			Wait: { main: [[{ node: 'Record in Sink', type: 'main', index: 0 }]] },
		},
	};
}
