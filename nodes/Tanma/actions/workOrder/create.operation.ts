import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader } from '../../helpers/parameters';
import { ENDPOINTS } from '../../transport/protocol/endpoints';
import { tanmaApiRequest } from '../../transport';
import { optionalFieldsCollection, staffSelect } from '../fields';
import { asItems } from '../lists';
import { setIfGiven } from '../../helpers/body';
import { repeatNotice } from '../notices';
import type { TanmaBody } from '../../transport/protocol/json';

const properties: INodeProperties[] = [
	...repeatNotice(ENDPOINTS.workOrderCreate),
	{
		displayName:
			'Tanma publishes no endpoint that lists work-order templates: copy the Template ID from the Tanma admin panel. Listing, updating and closing work orders are not published either.',
		name: 'workOrderNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Template ID',
		name: 'moduleId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of the work-order template',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		description: 'Work-order title',
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'Work-order body text',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'number',
		required: true,
		default: 2,
		description:
			'Priority code. The vendor has not published the values; 2 appears in its example.',
	},
	{
		displayName: 'Department Name or ID',
		name: 'departmentId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getDepartments' },
		required: true,
		default: '',
		description:
			'Department of the creator. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	optionalFieldsCollection('Additional Fields', [
		staffSelect('userId', 'Creator Name or ID', 'Staff member shown as the creator'),
		{
			displayName: 'Custom Fields (JSON)',
			name: 'fieldDefine',
			type: 'json',
			default: '[]',
			description: 'Custom fields as Tanma expects them, sent as is',
		},
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			description: 'Tanma customer ID to link',
		},
		{
			displayName: 'Customer Owner Staff ID',
			name: 'salesId',
			type: 'string',
			default: '',
			description: 'Staff who owns the linked customer',
		},
		{
			displayName: 'Module Type',
			name: 'moduleType',
			type: 'number',
			default: 1,
			description:
				'Sent as moduleType: Tanma’s example sends 1, its table does not list the field and the values are unpublished',
		},
		{
			displayName: 'Order IDs',
			name: 'orderList',
			type: 'string',
			default: '',
			description: 'Comma-separated IDs of linked orders',
		},
	]),
	{
		displayName: 'Watchers',
		name: 'followUsers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Watcher',
		default: {},
		description: 'People who follow the work order',
		options: [
			{
				displayName: 'Watcher',
				name: 'watcher',
				values: [
					{
						displayName: 'ID',
						name: 'unitId',
						type: 'string',
						default: '',
						description: 'Watcher ID',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Watcher name',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'number',
						default: 2,
						description: 'Watcher type code; 2 appears in the vendor example',
					},
				],
			},
		],
	},
	{
		displayName: 'Attachments',
		name: 'appendix',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attachment',
		default: {},
		options: [
			{
				displayName: 'Attachment',
				name: 'file',
				values: [
					{ displayName: 'File Name', name: 'fileName', type: 'string', default: '' },
					{
						displayName: 'File Size',
						name: 'fileSize',
						type: 'string',
						default: '',
						placeholder: '9.38KB',
					},
					{
						displayName: 'File Type',
						name: 'fileType',
						type: 'string',
						default: '',
						placeholder: 'jpg',
					},
					{ displayName: 'URL', name: 'url', type: 'string', default: '' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['workOrder'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = ParameterReader.forItem(this, i, description);
	const body: TanmaBody = {
		moduleId: input.integerId('moduleId', { required: true }),
		title: input.text('title', { required: true }),
		content: input.text('content', { required: true, keepSpacing: true }),
		priority: input.wholeNumber('priority'),
		departmentId: input.integerId('departmentId', { required: true }),
	};
	const extra = input.collection('additionalFields');
	setIfGiven(body, 'userId', extra.integerId('userId'));
	const customerId = extra.id('customerId');
	setIfGiven(body, 'customerId', customerId); // the schema declares a string
	const salesId = extra.id('salesId');
	setIfGiven(body, 'salesId', salesId); // the schema declares a string
	setIfGiven(body, 'moduleType', extra.optionalWholeNumber('moduleType'));
	setIfGiven(body, 'orderList', extra.idList('orderList'));
	setIfGiven(body, 'fieldDefine', extra.jsonArray('fieldDefine'));
	const watchers = input.rows('followUsers', 'watcher').map((watcher) => ({
		unitId: watcher.integerId('unitId', { required: true }),
		name: watcher.text('name') ?? '',
		type: watcher.wholeNumber('type', { fallback: 2 }),
	}));
	setIfGiven(body, 'followUsers', watchers);
	const files = input.rows('appendix', 'file').map((file) => {
		const out: IDataObject = {};
		for (const name of ['fileName', 'fileSize', 'fileType']) {
			const value = file.text(name);
			if (value !== undefined) out[name] = value;
		}
		const url = file.url('url');
		setIfGiven(out, 'url', url);
		return out;
	});
	setIfGiven(body, 'appendix', files);
	const data = await tanmaApiRequest.call(this, ENDPOINTS.workOrderCreate, body, {
		itemIndex: i,
	});
	return asItems(data, 'id');
}
