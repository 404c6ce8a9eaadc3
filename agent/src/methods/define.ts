/* Glue between method modules and the dispatcher: typed handlers with their params parser. */
import type { CallContext } from "../dispatch.ts";
import { type Obj,paramsObject } from "../params.ts";
import type { MethodName, ResultOf } from "../protocol.ts";

export type MethodHandler<M extends MethodName> = (params: unknown, ctx: CallContext) => Promise<ResultOf<M>>;

/** One handler per method: a module returns Pick<Handlers, its methods>, main checks they add up. */
export type Handlers = { [M in MethodName]: MethodHandler<M> };

export function define<P, R>(parse: (o: Obj) => P, run: (params: P, ctx: CallContext) => Promise<R>): (params: unknown, ctx: CallContext) => Promise<R> {
    // async: a parse error must become a rejection (-32602), not a synchronous throw.
    return async (raw, ctx) => run(parse(paramsObject(raw)), ctx);
}

export function noParams(): Record<string, never> {
    return {};
}
