/** A bare node holding a Tanma credential, for calling transport helpers and the credential test as n8n does. */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	IRunExecutionData,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { CREDENTIAL_TYPES, TestCredentialsHelper } from './credentials';
import { makeAdditionalData, nodeTypesOf } from './workflow';

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
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
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
		response = await new RoutingNode(context, nodeType, {
			id: '1',
			name: 'test',
			type: credentialTypeName,
			data: credentials,
		}).runNode();
	} catch (error) {
		const cause = (
			error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }
		).cause;
		if (cause?.response) {
			const status = cause.response.status;
			if (status < 199 || status > 299) {
				return {
					status: 'Error',
					message: cause.response.statusText || `Received HTTP status code: ${status}`,
				};
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json ?? {};
		const value = rule.properties.key
			.split('.')
			.reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], body);
		if (value === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
