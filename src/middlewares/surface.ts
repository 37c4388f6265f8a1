import { classify, type SurfaceState } from '../http/surface';

/**
 * The first project middleware: classifies the request once (src/http/surface.ts)
 * and leaves the answer on `ctx.state.surface` for every later middleware.
 */
type Ctx = { method: string; path: string; state: SurfaceState; get: (name: string) => string };

const surface =
  () =>
  async (ctx: Ctx, next: () => Promise<unknown>): Promise<unknown> => {
    ctx.state.surface = classify({ method: ctx.method, path: ctx.path, authorization: ctx.get('authorization') });
    return next();
  };

export default surface;
