import fs from 'fs';
import path from 'path';

/**
 * Tanma's own examples (vendor-examples/), read as the exact text of each file. The sandbox answers and
 * pushes them unchanged; tests feed them to the nodes unchanged.
 */
export const VENDOR_EXAMPLES_DIR = path.resolve(__dirname, '..', 'vendor-examples');

export interface VendorExampleEntry {
	file: string;
	page: string;
	kind: string;
	quirks: string[];
}

export function vendorExampleIndex(): VendorExampleEntry[] {
	return (JSON.parse(readVendorExample('index.json')) as { examples: VendorExampleEntry[] })
		.examples;
}

export function readVendorExample(file: string): string {
	return fs.readFileSync(path.join(VENDOR_EXAMPLES_DIR, file), 'utf8');
}

/** The push worked example of the push-format page: inputs, exact request, plaintext. */
export interface PushWorkedExample {
	page: string;
	inputs: { appId: string; appKey: string; corpid: string };
	plaintext: string;
	request: { method: string; path: string; headers: Record<string, string>; body: string };
	envelopeExample: string;
}

export function pushWorkedExample(): PushWorkedExample {
	return JSON.parse(readVendorExample('push-format.doc-501862.json')) as PushWorkedExample;
}

/** Every decrypted push message example (push/*.txt), as written on its page, without the trailing newline. */
export function pushMessageExamples(): Array<VendorExampleEntry & { text: string }> {
	return vendorExampleIndex()
		.filter((e) => e.file.startsWith('push/') && e.file.endsWith('.txt'))
		.map((e) => ({ ...e, text: readVendorExample(e.file).replace(/\n$/, '') }));
}
