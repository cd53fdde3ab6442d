import type { INodeProperties } from 'n8n-workflow';

import type { TanmaEndpoint } from '../transport/protocol/endpoints';

/** The notices and notes an operation shows about its endpoint's standing, made from the catalogue. */

/**
 * The notice above an operation whose endpoint Tanma marks as (to be) deprecated, made from the catalogue's
 * status (none for a current endpoint); `advice` says what to use instead.
 */
export function deprecationNotice(endpoint: TanmaEndpoint, advice: string): INodeProperties[] {
	if (endpoint.status === 'deprecated') {
		return [
			{
				displayName: `Tanma marks this endpoint as deprecated. It still answers; ${advice}`,
				name: 'deprecatedNotice',
				type: 'notice',
				default: '',
			},
		];
	}
	if (endpoint.status === 'toBeDeprecated') {
		return [
			{
				displayName: `Tanma marks this endpoint as to be deprecated. ${advice}`,
				name: 'toBeDeprecatedNotice',
				type: 'notice',
				default: '',
			},
		];
	}
	return [];
}

/**
 * The notice above an operation whose endpoint is known only from Tanma's own client code (the catalogue's
 * `source`), none for a documented one; `detail` adds what else the user should know.
 */
export function clientKnownNotice(endpoint: TanmaEndpoint, detail = ''): INodeProperties[] {
	if (endpoint.source !== 'client') return [];
	const text = `Known from Tanma’s own client code, not from a published page (${endpoint.path}): Tanma may change it.`;
	return [
		{
			displayName: detail ? `${text} ${detail}` : text,
			name: 'clientKnownNotice',
			type: 'notice',
			default: '',
		},
	];
}

/** The end of an operation's description in the operation list: its endpoint's vendor status, if not current. */
export function statusNote(endpoint: TanmaEndpoint): string {
	if (endpoint.status === 'deprecated') return ' (deprecated by Tanma)';
	if (endpoint.status === 'toBeDeprecated') return ' (to be deprecated by Tanma)';
	return '';
}
