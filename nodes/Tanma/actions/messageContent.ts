import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { integerId, optionalText, wholeNumber } from '../helpers/validation';

/**
 * The content items shared by SOPs (`sopDatas`) and group mass-sends (`sendData`), built from a fixed
 * collection so users never write the nested JSON. Tanma has not published the item schema; the type
 * codes and fields below are the ones its own SOP and mass-send examples use.
 */

export const CONTENT_TYPE = { text: 1, file: 2, link: 3, material: 99 } as const;
type ContentKind = keyof typeof CONTENT_TYPE;

const show = (...kinds: ContentKind[]) => ({ show: { kind: kinds } });

export function messageContentProperty(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Message Content',
		name: 'messageContent',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Content Item',
		default: {},
		description:
			'What is sent, in order. Text may use Tanma placeholders such as #客户昵称# (customer nickname) and #员工姓名# (staff name).',
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Content Type',
						name: 'kind',
						type: 'options',
						options: [
							{ name: 'Image or File', value: 'file', description: 'Type 2' },
							{ name: 'Library Material', value: 'material', description: 'Type 99: an item from the Tanma material library (素材)' },
							{ name: 'Link', value: 'link', description: 'Type 3' },
							{ name: 'Text', value: 'text', description: 'Type 1' },
						],
						default: 'text',
					},
					{
						displayName: 'File Hash',
						name: 'sign',
						type: 'string',
						default: '',
						displayOptions: show('file'),
						description: 'Hash of the file that Tanma stores with it (not the request signature)',
					},
					{
						displayName: 'File ID',
						name: 'fileId',
						type: 'string',
						default: '',
						displayOptions: show('file', 'link'),
						description: 'Tanma file ID, if the file is already stored in Tanma',
					},
					{
						displayName: 'File Name',
						name: 'fileName',
						type: 'string',
						default: '',
						displayOptions: show('file', 'link'),
					},
					{
						displayName: 'File URL',
						name: 'fileUrl',
						type: 'string',
						default: '',
						displayOptions: show('file', 'link', 'material'),
						description: 'URL of the image or file; for links and materials, the cover image',
					},
					{
						displayName: 'Link URL',
						name: 'link',
						type: 'string',
						default: '',
						displayOptions: show('link'),
						placeholder: 'https://example.com/page',
					},
					{
						displayName: 'Material ID',
						name: 'mcId',
						type: 'string',
						default: '',
						displayOptions: show('material'),
						description: 'ID of the material in the Tanma library (素材ID, 32 hex characters)',
					},
					{
						displayName: 'Material Type',
						name: 'mcType',
						type: 'number',
						default: 2,
						displayOptions: show('material'),
						description: 'Material type code (素材类型); 2 appears in the vendor example, other values are unpublished',
					},
					{
						displayName: 'Media ID',
						name: 'mediaId',
						type: 'string',
						default: '',
						displayOptions: show('file', 'link'),
						description: 'WeCom media ID of an uploaded file, if you have one',
					},
					{
						displayName: 'Text',
						name: 'content',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						displayOptions: show('text', 'material'),
						description: 'Message text; for library material, the summary shown with it',
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						displayOptions: show('link', 'material'),
					},
				],
			},
		],
		...overrides,
	};
}

function fail(ctx: IExecuteFunctions, itemIndex: number, position: number, message: string): never {
	throw new NodeOperationError(ctx.getNode(), `Message Content item ${position}: ${message}`, { itemIndex });
}

/** Turns the fixed collection into Tanma content items, checking each kind has what it needs. */
export function buildContentItems(
	ctx: IExecuteFunctions,
	raw: IDataObject | undefined,
	itemIndex: number,
	options: { optional?: boolean } = {},
): IDataObject[] {
	const rows = ((raw?.item ?? []) as IDataObject[]).filter(Boolean);
	if (!rows.length && !options.optional) {
		throw new NodeOperationError(ctx.getNode(), '"Message Content" needs at least one item', { itemIndex });
	}
	return rows.map((row, index) => {
		const position = index + 1;
		const kind = String(row.kind ?? 'text') as ContentKind;
		if (!(kind in CONTENT_TYPE)) fail(ctx, itemIndex, position, `unknown kind "${kind}"`);
		const out: IDataObject = { type: CONTENT_TYPE[kind] };
		const take = (field: string) => {
			const value = optionalText(row[field]);
			if (value !== undefined) out[field] = value;
			return value;
		};
		if (kind === 'text') {
			// Text is kept exactly as typed (leading spaces and line breaks are part of the message).
			const content = typeof row.content === 'string' ? row.content : '';
			if (!content.trim()) fail(ctx, itemIndex, position, '"Text" must not be empty');
			out.content = content;
			return out;
		}
		if (kind === 'material') {
			if (!take('mcId')) fail(ctx, itemIndex, position, '"Material ID" must not be empty');
			out.mcType = wholeNumber(ctx, row.mcType ?? 2, `Message Content item ${position}: Material Type`, itemIndex);
			take('title');
			take('content');
			take('fileUrl');
			return out;
		}
		if (kind === 'link') {
			const link = take('link');
			if (!link || !/^https?:\/\//i.test(link)) fail(ctx, itemIndex, position, '"Link URL" must start with http:// or https://');
			take('title');
		}
		const fileUrl = take('fileUrl');
		const mediaId = take('mediaId');
		take('fileName');
		if (kind === 'file') {
			take('sign');
			if (!fileUrl && !mediaId) fail(ctx, itemIndex, position, 'give "File URL" or "Media ID"');
		}
		const fileId = optionalText(row.fileId);
		if (fileId) out.fileId = integerId(ctx, fileId, `Message Content item ${position}: File ID`, itemIndex) as IDataObject[string];
		return out;
	});
}
