import { useCallback, useEffect, useRef, useState } from "react";
import type { TypedDocumentString } from "../generated/graphql";
import { execute, type ApiError } from "./graphql-client";

export interface QueryState<R> {
  data: R | null;
  errors: ApiError[];
  loading: boolean;
  refetch: () => Promise<void>;
}

/** Runs a query when its variables change (compared as JSON); keeps the last data while reloading. */
export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables: V, options: { skip?: boolean } = {}): QueryState<R> {
  const [state, setState] = useState<{ data: R | null; errors: ApiError[]; loading: boolean }>({ data: null, errors: [], loading: !options.skip });
  const key = JSON.stringify(variables ?? {});
  const latest = useRef(0);
  const run = useCallback(async () => {
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    const result = await execute(document, JSON.parse(key) as V);
    if (ticket === latest.current) setState({ data: result.data, errors: result.errors, loading: false });
  }, [document, key]);
  useEffect(() => {
    if (!options.skip) void run();
  }, [run, options.skip]);
  return { ...state, refetch: run };
}
