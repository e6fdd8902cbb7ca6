/** The oldest supported Node (package.json `engines`). */
export declare const MINIMUM_NODE: string;
/** Why `version` cannot run streamconform, or `undefined` when it can. */
export declare function unsupportedNodeReason(version: string): string | undefined;
