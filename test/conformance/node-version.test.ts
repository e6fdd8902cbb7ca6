/** The `streamconform` command refuses a Node older than package.json's `engines` with a message, before loading anything. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE, unsupportedNodeReason } from '../../cli/node-version.mjs';

describe('unsupportedNodeReason', () => {
  it('agrees with package.json engines', () => {
    const engines = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${MINIMUM_NODE.replace(/\.0$/, '')}`);
  });

  it.each(['20.20.2', '22.11.9', '21.7.3', '18.0.0', '22.9.0'])('refuses Node %s, naming both versions and what to do', (version) => {
    const reason = unsupportedNodeReason(version);
    expect(reason).toContain(`this is Node ${version}`);
    expect(reason).toContain(`Node >= ${MINIMUM_NODE}`);
    expect(reason).toContain('npm run conformance');
  });

  it.each(['22.12.0', '22.12.1', '22.13.0', '23.0.0', '24.21.0', '30.1.2'])('accepts Node %s', (version) => {
    expect(unsupportedNodeReason(version)).toBeUndefined();
  });

  it('says so when the version cannot be read', () => {
    expect(unsupportedNodeReason('v-next')).toMatch(/cannot read the Node version "v-next"/);
  });
});
