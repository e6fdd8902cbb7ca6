/** The app answers a turn of the event loop later: every handler's Response comes through a promise resolved on a later macrotask. */
import { vary } from './kit/vary.ts';

const laterTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const departs =
  'every handler result is awaited and handed on one macrotask later (the Response arrives through a promise resolved after setImmediate); the guide\'s handlers are async and return promises of Responses, app.handler returns a Promise<Response>';

export default vary({
  name: 'async-handler',
  wrapHandler: (handler) => async (ctx) => {
    const response = await handler(ctx);
    await laterTurn();
    return response;
  },
});
