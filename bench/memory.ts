/** Resident memory of a process and its descendants (n8n's main process spawns its task runner), from /proc. */
import fs from 'fs';

function readRssKb(pid: number): number {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
		return match ? Number(match[1]) : 0;
	} catch {
		return 0; // the process ended
	}
}

export function descendants(root: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// Field 4 (ppid) follows the ")" that closes the command name.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const list = children.get(ppid) ?? [];
			list.push(Number(entry));
			children.set(ppid, list);
		} catch {
			// gone meanwhile
		}
	}
	const out = [root];
	for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
	return out;
}

export function treeRssMb(pids: number[]): number {
	return pids.reduce((sum, pid) => sum + readRssKb(pid), 0) / 1024;
}

/**
 * Samples the tree's RSS every `intervalMs` until stopped; returns the peak above the level at the start.
 * The process list is refreshed now and then, so a task runner started mid-run is counted.
 */
export function samplePeak(
	root: number,
	intervalMs = 20,
): { stop: () => { baselineMb: number; peakMb: number } } {
	let pids = descendants(root);
	const baselineMb = treeRssMb(pids);
	let peakMb = baselineMb;
	let ticks = 0;
	const timer = setInterval(() => {
		if (++ticks % 25 === 0) pids = descendants(root);
		peakMb = Math.max(peakMb, treeRssMb(pids));
	}, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			peakMb = Math.max(peakMb, treeRssMb(pids));
			return { baselineMb, peakMb: peakMb - baselineMb };
		},
	};
}
