import type { RouteDefinition } from './route.ts';

interface CompiledRoute {
  definition: RouteDefinition;
  key: string;
  segments: string[];
}

export type RouteMatch =
  | { found: true; definition: RouteDefinition; key: string; params: Record<string, string> }
  | { found: false; methodMismatch: boolean };

/** Matches decoded paths segment by segment; routes are grouped by segment count. */
export class Router {
  readonly #bySize = new Map<number, CompiledRoute[]>();

  constructor(definitions: readonly RouteDefinition[]) {
    for (const definition of definitions) {
      const segments = definition.template.split('/').slice(1);
      const list = this.#bySize.get(segments.length) ?? [];
      list.push({ definition, key: `${definition.method} ${definition.template}`, segments });
      this.#bySize.set(segments.length, list);
    }
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').slice(1);
    let methodMismatch = false;
    for (const route of this.#bySize.get(parts.length) ?? []) {
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < parts.length; i++) {
        const want = route.segments[i] as string;
        const got = parts[i] as string;
        if (want.startsWith(':')) params[want.slice(1)] = got;
        else if (want !== got) {
          matched = false;
          break;
        }
      }
      if (!matched) continue;
      if (route.definition.method !== method) {
        methodMismatch = true;
        continue;
      }
      return { found: true, definition: route.definition, key: route.key, params };
    }
    return { found: false, methodMismatch };
  }
}
