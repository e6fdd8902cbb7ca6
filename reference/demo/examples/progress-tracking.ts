/** The guide's Examples › Progress Tracking: `/task/:id/progress`. */
import type { App } from '../../index.ts';
import type { ExampleContext } from './context.ts';

export function progressTracking(app: App, { scaled }: ExampleContext): void {
  // Examples › Progress Tracking
  app.get('/task/:id/progress', async (ctx) => {
    const taskId = ctx.params.id!;

    return ctx.sseResponse(trackTaskProgress(taskId), {
      event: 'progress',
      retry: 1000
    });
  });

  async function* trackTaskProgress(taskId: string) {
    const totalSteps = 10;

    for (let step = 0; step <= totalSteps; step++) {
      yield {
        taskId,
        step,
        total: totalSteps,
        percentage: Math.round((step / totalSteps) * 100),
        message: step === totalSteps ? 'Completed!' : `Processing step ${step}...`,
        timestamp: Date.now()
      };

      if (step < totalSteps) {
        await simulateWork(); // Your actual work here
      }
    }
  }

  async function simulateWork() {
    await new Promise(resolve => setTimeout(resolve, scaled(1000)));
  }
}
