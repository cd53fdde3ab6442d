import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { limitOf, returnAllOrLimit } from '../lists';
import { locator } from '../locators';

const properties: INodeProperties[] = [
	...locator(
		'companyCustomer',
		{
			displayName: 'Company Customer ID',
			name: 'companyCustomerId',
			type: 'string',
			required: true,
			default: '',
			description: 'Tanma ID of the company customer whose contacts to list',
		},
		'Company Customer',
	),
	...returnAllOrLimit(ENDPOINTS.companyContacts),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['companyContact'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const companyCustomerId = ParameterReader.forItem(this, i, description).integerId(
		'companyCustomerId',
		{ required: true },
	);
	const limit = limitOf(this, i);
	const contacts =
		((await tanmaApiRequest.call(
			this,
			ENDPOINTS.companyContacts,
			{ companyCustomerId },
			{ itemIndex: i },
		)) as IDataObject[] | null) ?? [];
	// Tanma answers with every contact at once; Limit applies here.
	return limit === undefined ? contacts : contacts.slice(0, limit);
}
