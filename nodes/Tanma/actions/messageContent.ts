import type { INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../helpers/parameters';
import { setIfGiven } from '../helpers/body';
import type { TanmaBody } from '../transport/protocol/json';

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
			'What is sent, in order. Text may use Tanma’s placeholders for the customer’s nickname and the staff member’s name (spelled as in Tanma; the README lists them).',
		options: [
			{
				displayName: 'Message Content Item',
				name: 'item',
				values: [
					{
						displayName: 'Content Type',
						name: 'kind',
						type: 'options',
						options: [
							{ name: 'Image or File', value: 'file', description: 'Type 2' },
							{
								name: 'Library Material',
								value: 'material',
								description: 'Type 99: an item from the Tanma material library',
							},
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
						description: 'ID of the material in the Tanma library (32 hex characters)',
					},
					{
						displayName: 'Material Type',
						name: 'mcType',
						type: 'number',
						default: 2,
						displayOptions: show('material'),
						description:
							'Material type code; 2 appears in the vendor example, other values are unpublished',
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

/** Turns the fixed collection into Tanma content items, checking each kind has what it needs. */
export function buildContentItems(
	input: ParameterReader,
	options: { optional?: boolean } = {},
): TanmaBody[] {
	const rows = input.rows('messageContent', 'item', { required: !options.optional });
	return rows.map((row) => {
		const kind = row.choice<ContentKind>('kind', 'text');
		const out: TanmaBody = { type: CONTENT_TYPE[kind] };
		const take = (field: string) => {
			const value = row.text(field);
			if (value !== undefined) out[field] = value;
			return value;
		};
		if (kind === 'text') {
			// Text is kept exactly as typed (leading spaces and line breaks are part of the message).
			out.content = row.text('content', { required: true, keepSpacing: true });
			return out;
		}
		if (kind === 'material') {
			out.mcId = row.id('mcId', { required: true });
			out.mcType = row.wholeNumber('mcType', { fallback: 2 });
			take('title');
			take('content');
			setIfGiven(out, 'fileUrl', row.url('fileUrl'));
			return out;
		}
		if (kind === 'link') {
			out.link = row.url('link', { required: true });
			take('title');
		}
		const fileUrl = row.url('fileUrl');
		setIfGiven(out, 'fileUrl', fileUrl);
		const mediaId = row.id('mediaId');
		setIfGiven(out, 'mediaId', mediaId);
		take('fileName');
		if (kind === 'file') {
			setIfGiven(out, 'sign', row.id('sign'));
			if (!fileUrl && !mediaId)
				row.refuse('fileUrl', `and "${row.labelOf('mediaId')}" are both empty: give one of them`);
		}
		setIfGiven(out, 'fileId', row.integerId('fileId'));
		return out;
	});
}

/** An SOP's steps: one a row of `name.group`, each sending the message content (`sopDatas`) with the row's timing. */
export function sopSteps(
	input: ParameterReader,
	name: string,
	group: string,
	timing: (row: ParameterReader) => TanmaBody,
): TanmaBody[] {
	const rows = input.rows(name, group, { required: true });
	const sopDatas = buildContentItems(input);
	return rows.map((row) => ({ ...timing(row), sopDatas }));
}
