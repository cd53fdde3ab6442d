import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../transport/errors';
import * as companyContact from './companyContact';
import * as contract from './contract';
import * as customApi from './customApi';
import * as customer from './customer';
import * as followedCustomer from './followedCustomer';
import * as followUp from './followUp';
import * as groupChat from './groupChat';
import * as groupMessage from './groupMessage';
import * as lead from './lead';
import * as opportunity from './opportunity';
import * as order from './order';
import * as sopTask from './sopTask';
import * as staff from './staff';
import * as tag from './tag';
import * as tenant from './tenant';
import * as workOrder from './workOrder';

/** What one operation contributes: its fields and what it does for one input item. */
export interface TanmaOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]>;
}

/** Every resource's operations by value: resource → operation → what it does. */
const RESOURCES: Readonly<Record<string, Readonly<Record<string, TanmaOperation>>>> = {
	companyContact: companyContact.operations,
	contract: contract.operations,
	customApi: customApi.operations,
	customer: customer.operations,
	followedCustomer: followedCustomer.operations,
	followUp: followUp.operations,
	groupChat: groupChat.operations,
	groupMessage: groupMessage.operations,
	lead: lead.operations,
	opportunity: opportunity.operations,
	order: order.operations,
	sopTask: sopTask.operations,
	staff: staff.operations,
	tag: tag.operations,
	tenant: tenant.operations,
	workOrder: workOrder.operations,
};

function operationFor(ctx: IExecuteFunctions, resource: string, operation: string): TanmaOperation {
	// Own keys only: a resource or operation named like an Object prototype member is not an operation.
	const operations = Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource] : undefined;
	if (!operations || !Object.hasOwn(operations, operation)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return operations[operation];
}

/** Runs the chosen operation once per input item, keeping item pairing and honouring Continue On Fail. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];

	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const results = await operationFor(this, resource, operation).execute.call(this, i);
			for (const json of results) output.push({ json, pairedItem: { item: i } });
		} catch (error) {
			if (this.continueOnFail()) {
				const description = (error as NodeApiError).description;
				output.push({
					json: { error: (error as Error).message, ...(description ? { description } : {}) },
					pairedItem: { item: i },
				});
				continue;
			}
			throw asNodeError(this.getNode(), error, i);
		}
	}
	return [output];
}
