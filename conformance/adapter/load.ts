/**
 * Loading adapters: `--adapter reference` or a path to an ES module
 * (`.ts`, `.mts`, `.js`, `.mjs`) whose default export is an {@link Adapter}.
 * Every way an adapter can be unusable ends in an {@link AdapterLoadError}
 * naming the file and the problem (the CLI exits 2 with it).
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AdapterLoadError, type Adapter, type ListeningServer } from './contract.ts';
import type { App, ResolvedAdapter } from './under-test.ts';
import { ensureTypeScriptLoaderFor } from './typescript-loader.ts';

const EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

/** How long `createApp()` may take when probed at load time. */
const CREATE_APP_PROBE_MS = 10_000;

export interface LoadAdapterOptions {
  /** Resolve relative paths against this folder (default: `process.cwd()`). */
  cwd?: string;
  /** Probe `createApp()` once at load (default true). */
  probe?: boolean;
}

/** The name of the bundled reference implementation. */
export const REFERENCE_ADAPTER = 'reference';

/** Loads, validates and probes an adapter. */
export async function loadAdapter(spec: string, options: LoadAdapterOptions = {}): Promise<ResolvedAdapter> {
  if (spec === REFERENCE_ADAPTER) {
    const module = (await import('./reference-adapter.ts')) as unknown as { default: Adapter<App> };
    return resolveAdapter(module.default, REFERENCE_ADAPTER, options);
  }
  const file = resolve(options.cwd ?? process.cwd(), spec);
  if (!existsSync(file)) {
    throw new AdapterLoadError('ADAPTER_NOT_FOUND', spec, `no such file (looked at ${file})`);
  }
  if (!statSync(file).isFile()) {
    throw new AdapterLoadError('ADAPTER_NOT_FOUND', spec, `is not a file (${file})`);
  }
  const extension = extname(file);
  if (!EXTENSIONS.has(extension)) {
    throw new AdapterLoadError(
      'ADAPTER_INVALID',
      spec,
      `has extension "${extension}"; an adapter is an ES module ending in .ts, .mts, .js or .mjs`,
    );
  }
  let module: Record<string, unknown>;
  try {
    await ensureTypeScriptLoaderFor(file);
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new AdapterLoadError('ADAPTER_IMPORT_FAILED', spec, `could not be imported: ${describeError(error)}`, {
      cause: error,
    });
  }
  if (!('default' in module) || module.default === undefined) {
    const named = Object.keys(module).filter((key) => key !== 'default');
    const hint = named.length > 0 ? ` (it exports ${named.map((n) => `"${n}"`).join(', ')})` : '';
    throw new AdapterLoadError(
      'ADAPTER_NO_DEFAULT_EXPORT',
      spec,
      `has no default export${hint}; write \`export default defineAdapter({ name, createApp })\``,
    );
  }
  return resolveAdapter(module.default, spec, options);
}

/**
 * Validates an adapter object (from a module or passed to
 * `describeConformance`) and fills in the optional parts.
 */
export async function resolveAdapter(
  candidate: unknown,
  source: string,
  options: Pick<LoadAdapterOptions, 'probe'> = {},
): Promise<ResolvedAdapter> {
  if (typeof candidate !== 'object' || candidate === null) {
    throw new AdapterLoadError(
      'ADAPTER_INVALID',
      source,
      `default export is ${describeValue(candidate)}, not an adapter object { name, createApp }`,
    );
  }
  const adapter = candidate as Partial<Adapter<App>>;
  if (typeof adapter.createApp !== 'function') {
    throw new AdapterLoadError(
      'ADAPTER_INVALID',
      source,
      `adapter lacks createApp(): expected a function, got ${describeValue(adapter.createApp)}`,
    );
  }
  if (typeof adapter.name !== 'string' || adapter.name.trim() === '') {
    throw new AdapterLoadError('ADAPTER_INVALID', source, `adapter lacks a name: expected a non-empty string, got ${describeValue(adapter.name)}`);
  }
  for (const optional of ['handle', 'listen', 'listenHttp2'] as const) {
    if (adapter[optional] !== undefined && typeof adapter[optional] !== 'function') {
      throw new AdapterLoadError(
        'ADAPTER_INVALID',
        source,
        `adapter.${optional} must be a function when given, got ${describeValue(adapter[optional])}`,
      );
    }
  }
  const createApp = adapter.createApp.bind(adapter);
  const customHandle = adapter.handle?.bind(adapter);
  const customListen = adapter.listen?.bind(adapter);
  const customListenHttp2 = adapter.listenHttp2?.bind(adapter);

  const handle = async (app: App, request: Request): Promise<Response> => {
    if (customHandle) return customHandle(app, request);
    const handler = (app as { handler?: unknown }).handler;
    if (typeof handler !== 'function') {
      throw new TypeError(`${source}: the app has no handler(request) function; add handle(app, request) to the adapter`);
    }
    return (handler as (request: Request) => Promise<Response>).call(app, request);
  };
  const listen = async (app: App): Promise<ListeningServer> => {
    if (customListen) return customListen(app);
    const { listenWithRuntimeServer } = await import('./default-listen.ts');
    return listenWithRuntimeServer((request) => handle(app, request));
  };
  const listenHttp2 = async (app: App): Promise<ListeningServer> => {
    if (customListenHttp2) return customListenHttp2(app);
    const { listenWithHttp2Bridge } = await import('./default-listen.ts');
    return listenWithHttp2Bridge((request) => handle(app, request));
  };

  const resolved: ResolvedAdapter = {
    name: adapter.name,
    source,
    createApp: async () => (await createApp()) as App,
    handle,
    listen,
    listenHttp2,
    ownListen: customListen !== undefined,
    ownListenHttp2: customListenHttp2 !== undefined,
  };
  if (options.probe !== false) await probeCreateApp(resolved, customHandle !== undefined);
  return resolved;
}

async function probeCreateApp(adapter: ResolvedAdapter, hasCustomHandle: boolean): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let app: unknown;
  try {
    app = await Promise.race([
      adapter.createApp(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`did not settle within ${CREATE_APP_PROBE_MS / 1000} s`)),
          CREATE_APP_PROBE_MS,
        );
      }),
    ]);
  } catch (error) {
    throw new AdapterLoadError('ADAPTER_CREATE_APP_FAILED', adapter.source, `createApp() failed: ${describeError(error)}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
  if (typeof app !== 'object' || app === null) {
    throw new AdapterLoadError('ADAPTER_INVALID', adapter.source, `createApp() returned ${describeValue(app)}, not an app object`);
  }
  const candidate = app as Record<string, unknown>;
  const missing = ['get', 'post'].filter((method) => typeof candidate[method] !== 'function');
  if (missing.length > 0) {
    throw new AdapterLoadError(
      'ADAPTER_INVALID',
      adapter.source,
      `createApp() returned an app without ${missing.map((m) => `${m}(path, handler)`).join(' and ')}; the suite registers its routes with them`,
    );
  }
  if (!hasCustomHandle && typeof candidate.handler !== 'function') {
    throw new AdapterLoadError(
      'ADAPTER_INVALID',
      adapter.source,
      'createApp() returned an app without handler(request); give the adapter handle(app, request)',
    );
  }
}

/** `Error: message` for errors, a short description for anything else thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `a non-Error value was thrown: ${describeValue(error)}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  return `${typeof value} ${String(value)}`;
}
