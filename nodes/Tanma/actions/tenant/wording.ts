/**
 * What Tenant Check says, apart from how it decides (./inferences.ts): for each check, the inference in a
 * sentence, the audit item (docs/table-vs-example.md) and what the node does for each outcome. A check's finding
 * names the outcome (`confirmed`, `contradicted`, `notCheckable`, or a named variant of one).
 */
import type { SentForm } from '../sentForms';
import { formSentence, SENT_FORMS } from '../sentForms';

export type InferenceStatus = 'confirmed' | 'contradicted' | 'not checkable';

/** One output item of Tenant Check. */
export interface InferenceResult {
	/** Stable name of the inference, for workflows that act on the result. */
	check: string;
	/** What the node assumes, in a sentence. */
	inference: string;
	/** The audit item it answers (docs/table-vs-example.md). */
	audit: string;
	status: InferenceStatus;
	/** What Tanma answered that settles it (or why nothing can). */
	evidence: string;
	/** What the node does, given this status. */
	nodeDoes: string;
}

interface CheckWording {
	inference: string;
	audit: string;
	/** What the node does, by outcome; `notCheckable` also when the read the check needs was refused. */
	does: Record<string, string> & { notCheckable: string };
}

/** The checks Tenant Check settles by reading. */
export const READ_CHECKS = {
	'search.paging': {
		inference: 'Search pages answer {totalPage, data: [...]} for pageNo / pageSize',
		audit: 'A11',
		does: {
			confirmed: 'Return All reads pages in parallel up to totalPage.',
			contradicted: 'Return All stops at totalPage; rows past it would be missed.',
			noList: 'Return All stops after the first page it cannot read.',
			noTotalPage: 'Return All reads until a short page.',
			notCheckable: 'Return All reads pages up to totalPage.',
		},
	},
	'ids.customerId': {
		inference: 'Customer ids are integers, possibly beyond 2^53 (kept exact as text or bigint)',
		audit: '—',
		does: {
			confirmed: 'Ids are kept exact end to end.',
			contradicted: 'Such ids are passed on as Tanma sent them.',
			notCheckable: 'Ids are parsed without rounding.',
		},
	},
	'search.halfOpenCreateTime': {
		inference: 'Search createTime with only a start bound (every example gives both) is honoured',
		audit: 'A15',
		does: {
			confirmed: 'Created After or Before alone is sent as one bound.',
			contradicted:
				'Give both Created After and Created Before: a single bound is not read as the node means it.',
			notCheckable: 'Created After or Before alone is sent as one bound.',
		},
	},
	'search.rowTags': {
		inference:
			'Search rows carry each customer’s tags under "tags" (ids as numbers, text or {id}/{tagId})',
		audit: 'A4',
		does: {
			confirmed: 'Search checks every row against the Tags filter.',
			contradicted: 'Search cannot check the Tags filter on those rows and says so once per run.',
			notCheckable: 'Search checks Tags on every row it can read.',
		},
	},
	'search.qwLastFollowTime': {
		inference:
			'Search rows carry the last follow-up time as "qwLastFollowTime" (yyyy-MM-dd HH:mm:ss, China time)',
		audit: 'A3',
		does: {
			confirmed: 'The trigger and Search check rows against it.',
			contradicted:
				'The trigger’s filter check reads every customer at each check; Search cannot check Last Follow-Up.',
			unreadable: 'Those rows count as not checkable.',
			notCheckable:
				'The trigger’s filter check reads every customer at each check; Search cannot check Last Follow-Up.',
		},
	},
	'search.qwLastFollowTypes': {
		inference:
			'Search field qwLastFollowTypes {start, end} (seen only in Tanma’s example) filters by last follow-up time',
		audit: 'A3',
		does: {
			confirmed:
				'The trigger uses the filter and checks it at most hourly (Filter Check Interval).',
			contradicted:
				'The trigger finds the left-out customers at its first check, emits their follow-ups and stops using the filter; Search with Last Follow-Up cannot see who was left out: filter on qwLastFollowTime in the workflow.',
			notNarrowing:
				'The filter does not narrow the list: the trigger reads more customers than needed but misses none; Search with Last Follow-Up fails its items (the rows contradict the filter).',
			notCheckable: 'The trigger still checks the filter by searching without it.',
		},
	},
	'search.tagOp6': {
		inference:
			'Tag condition op 6 (from Tanma’s example; codes unpublished) means "has any of these tags"',
		audit: 'A4',
		does: {
			confirmed: 'Tag Match Any and All are sent as the node builds them.',
			contradicted:
				'Search fails items whose rows contradict the Tags filter; write the condition in Conditions (JSON) with this tenant’s code.',
			notCheckable: 'Search still checks each row it can read against Tags.',
		},
	},
	'search.conditionOp1': {
		inference:
			'conditionOp 1 (from Tanma’s example; codes unpublished) means every condition must hold',
		audit: 'A4',
		does: {
			confirmed: 'Tag Match All and typed conditions beside Tags combine as "every condition".',
			contradicted:
				'Search fails items whose rows contradict Tag Match All; use Conditions (JSON) with this tenant’s code.',
			notCheckable: 'Tag Match All is sent as one condition per tag under conditionOp 1.',
		},
	},
	'staff.paging': {
		inference:
			'Staff pages answer {pageNo, pageSize, totalCount, result: [...]}; totalPage is read when present',
		audit: 'A11',
		does: {
			confirmed: 'Paging uses totalPage, else totalCount, else a short page.',
			contradicted: 'Staff lists and dropdowns come out empty.',
			notCheckable: 'Staff lists and dropdowns read page by page up to totalPage.',
		},
	},
	'staff.name': {
		inference: 'Staff rows carry the staff member’s name as "name" (the page names only salesId)',
		audit: 'A12',
		does: {
			confirmed: 'Staff dropdowns show names.',
			contradicted: 'Staff dropdowns fall back to the id as the label.',
			notCheckable: 'Staff dropdowns show names where rows have them, else ids.',
		},
	},
	'search.roleOwner': {
		inference: 'Search "role" 1 selects the staff member’s own customers',
		audit: 'A9',
		does: {
			confirmed: 'Role Owner / Collaborator are sent as numbers.',
			contradicted:
				'Search with Staff may return the wrong customers: filter on qwSalesId in the workflow.',
			notCheckable: 'Role is sent as a number.',
		},
	},
	'opportunity.stageKeys': {
		inference: 'Opportunity stages carry stageId/stageName (or id, stateName, name)',
		audit: 'A12',
		does: {
			confirmed: 'The Stage dropdown shows stage names.',
			contradicted: 'Stage labels fall back to the id.',
			notCheckable: 'The Stage dropdown is empty; an id can be typed.',
		},
	},
} satisfies Record<string, CheckWording>;

export type ReadCheck = keyof typeof READ_CHECKS;

/** What a check found: its outcome, the evidence, and which of its `does` applies (default: by status). */
export interface Finding {
	check: ReadCheck;
	status: InferenceStatus;
	evidence: string;
	does?: string;
}

const outcomeKey = (status: InferenceStatus) =>
	status === 'not checkable' ? 'notCheckable' : status;

/** The outcome of a check whose read Tanma refused. */
export const REFUSED = 'refused';
const REFUSED_ADVICE =
	'Tanma refused a read this check needs: if other reads work, your Tanma edition or this app’s permissions may not include that endpoint (Tanma admin panel → Open Platform → Applications; or ask Tanma support).';

/** The sentence a read check's inference is: its own, and what the node sends for it where table and example differ. */
function inferenceOf(check: string, inference: string): string {
	const forms = (SENT_FORMS as readonly SentForm[]).filter((form) => form.check === check);
	return forms.length ? `${inference}; sent: ${forms.map(formSentence).join('; ')}` : inference;
}

export function described(finding: Finding): InferenceResult {
	const wording: CheckWording = READ_CHECKS[finding.check];
	const does =
		finding.does === REFUSED
			? `${wording.does.notCheckable} ${REFUSED_ADVICE}`
			: (wording.does[finding.does ?? outcomeKey(finding.status)] ?? wording.does.notCheckable);
	return {
		check: finding.check,
		inference: inferenceOf(finding.check, wording.inference),
		audit: wording.audit,
		status: finding.status,
		evidence: finding.evidence,
		nodeDoes: does,
	};
}

/** Inferences no answer can settle that are not a sent form (those come from ../sentForms.ts). */
const NOT_CHECKABLE_READS: ReadonlyArray<Omit<InferenceResult, 'status'>> = [
	{
		check: 'customer.importAliases',
		audit: 'A10',
		inference: 'Import field aliases are the customer fields’ outerField mappings',
		evidence: 'an import is a write',
		nodeDoes: 'Offers them in the list; any alias can be typed.',
	},
	{
		check: 'staff.deletedFilter',
		audit: 'A14',
		inference: 'Leaving out "deleted" lists deleted staff too',
		evidence: 'staff rows carry no deleted flag to tell',
		nodeDoes: 'Include Deleted Staff leaves the field out.',
	},
	{
		check: 'time.chinaStandardTime',
		audit: '—',
		inference: 'Tanma times without a zone are China Standard Time (UTC+8)',
		evidence: 'no answer carries a zone or a server clock',
		nodeDoes: 'Reads and writes times as UTC+8.',
	},
];

/** Every inference Tenant Check lists without reading: the sent forms no answer shows, one item per check, and the rest. */
export function notCheckable(): InferenceResult[] {
	const byCheck = new Map<string, SentForm[]>();
	for (const form of SENT_FORMS as readonly SentForm[]) {
		if (form.notCheckable === undefined) continue;
		byCheck.set(form.check, [...(byCheck.get(form.check) ?? []), form]);
	}
	const forms = [...byCheck.entries()].map(([check, group]) => ({
		check,
		audit: [...new Set(group.map((form) => form.audit))].join(', '),
		inference: group.map(formSentence).join('; '),
		status: 'not checkable' as const,
		evidence: group[0].notCheckable!,
		nodeDoes: `Sends ${group.map((form) => `${form.field.replace(/`/g, '')} as ${form.sent.replace(/`/g, '')}`).join('; ')} (docs/table-vs-example.md).`,
	}));
	return [
		...forms,
		...NOT_CHECKABLE_READS.map((item) => ({ ...item, status: 'not checkable' as const })),
	];
}
