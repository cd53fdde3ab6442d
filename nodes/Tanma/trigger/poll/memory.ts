import type { TriggerState } from './cursor';

/**
 * The newest state each Tanma Trigger wrote in this n8n process, for the schedulers that do not save a poll
 * which emits nothing (docs/tanma-trigger.md, "Schedulers"): without it such a trigger would redo that poll's
 * work (a filter check, a moved window) on every tick until it next emits.
 *
 * A remembered state is used only while the state n8n loaded is one it grew from (its `rev` is in the lineage):
 * then it holds everything the loaded one holds, plus this process's later polls. Any other loaded state (written
 * by another main, or by this process before a restart) wins, so memory never hides a record another process emitted.
 */
const RECEIVERS_MAX = 1_000;
/** Revisions kept per trigger besides the one its lineage started from. */
const LINEAGE_MAX = 50;
/** The `rev` of a missing state. */
export const NO_STATE = '';

interface Remembered {
	/** The loaded revision this process started from, then each revision it wrote, oldest first. */
	lineage: string[];
	json: string;
}

export class PollMemory {
	private readonly receivers = new Map<string, Remembered>();

	/** A copy of the newest state written here for `receiverId`, if it grew from the loaded revision `loadedRev`. */
	recall(receiverId: string, loadedRev: string): TriggerState | undefined {
		// No saved state: nothing to have grown from (a missing state is not told apart from a reset one).
		if (loadedRev === NO_STATE) return undefined;
		const entry = this.receivers.get(receiverId);
		if (!entry || !entry.lineage.includes(loadedRev)) return undefined;
		return JSON.parse(entry.json) as TriggerState;
	}

	/** `state` was written by a poll that started from revision `fromRev`. */
	remember(receiverId: string, fromRev: string, state: TriggerState): void {
		const rev = state.rev ?? NO_STATE;
		const entry = this.receivers.get(receiverId);
		const lineage =
			entry && fromRev !== NO_STATE && entry.lineage.includes(fromRev)
				? [...entry.lineage, rev]
				: [fromRev, rev].filter((r) => r !== NO_STATE);
		// The first revision is where this lineage met n8n's saved state: keep it, drop the oldest after it.
		if (lineage.length > LINEAGE_MAX + 1) lineage.splice(1, lineage.length - LINEAGE_MAX - 1);
		this.receivers.delete(receiverId);
		this.receivers.set(receiverId, { lineage, json: JSON.stringify(state) });
		if (this.receivers.size > RECEIVERS_MAX)
			this.receivers.delete(this.receivers.keys().next().value as string);
	}
}
