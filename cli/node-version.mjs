// Which Node the `streamconform` command runs on. Plain JavaScript: bin.mjs
// checks it before loading tsx and the TypeScript sources, which need a newer
// Node than some machines have (on Node 20, for one, msw's interception makes
// SSE-022 fail for a correct implementation).

/** The oldest supported Node (package.json `engines`). */
export const MINIMUM_NODE = '22.12.0';

/**
 * Why `version` (e.g. `process.versions.node`, "20.20.2") cannot run
 * streamconform, or `undefined` when it can.
 * @param {string} version
 * @returns {string | undefined}
 */
export function unsupportedNodeReason(version) {
  const parts = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (parts === null) return `streamconform: cannot read the Node version ${JSON.stringify(version)}; it needs Node >= ${MINIMUM_NODE}`;
  const [major, minor, patch] = parts.slice(1).map(Number);
  const [minMajor, minMinor, minPatch] = MINIMUM_NODE.split('.').map(Number);
  const older = major !== minMajor ? major < minMajor : minor !== minMinor ? minor < minMinor : patch < minPatch;
  if (!older) return undefined;
  return [
    `streamconform needs Node >= ${MINIMUM_NODE}; this is Node ${version}.`,
    'Install Node 22.12 or later (Node 24 LTS recommended), or, inside this repository, use the npm scripts',
    '(npm run conformance, npm test): they run on the Node that comes as a devDependency.',
  ].join('\n');
}
