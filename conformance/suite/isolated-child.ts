/** The child side of {@link runAdapterIsolated}: runs the requirements it is sent and reports each result. */
import { loadAdapter } from '../adapter/load.ts';
import { allChecks } from '../properties/index.ts';
import { requirements as registry } from '../requirements/index.ts';
import type { IsolatedRunMessage, IsolatedRunRequest } from './isolated.ts';
import { runAdapter } from '../runner/run.ts';
import { currentRuntime, currentRuntimeVersion } from '../adapter/runtime.ts';

function send(message: IsolatedRunMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, undefined, undefined, () => resolve()));
}

process.once('message', async (request: IsolatedRunRequest) => {
  try {
    const adapter = await loadAdapter(request.source, { probe: false });
    const ids = new Set(request.ids);
    await runAdapter(adapter, allChecks, {
      ...request.options,
      requirements: registry.filter((entry) => ids.has(entry.id)),
      onRequirementStart: (id) => void send({ type: 'start', id }),
      onProgress: (event) => {
        if (event.kind === 'requirement-done') void send({ type: 'result', result: event.result });
      },
    });
    await send({ type: 'done' });
  } catch (error) {
    await send({ type: 'fatal', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
  process.disconnect();
  // Servers or timers the implementation left behind must not keep this child alive.
  setTimeout(() => process.exit(0), 200).unref();
});

// Loaded (the runtime, the loader, the checks): the parent sends the request now.
void send({ type: 'ready', runtime: currentRuntime(), version: currentRuntimeVersion() });
