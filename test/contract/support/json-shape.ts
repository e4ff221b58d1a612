/**
 * Compares the *shape* of JSON values: which keys exist where, and what JSON type each leaf has
 * (values themselves are ignored). Generic on purpose: any contract test can ask "is the shape of
 * A a subset / superset of example B" and get the differing paths back, e.g.
 * `["items[].notes[].createdBy (not in the example)"]`.
 *
 * Arrays compare element-wise against the union of the other side's elements, so one example
 * item stands for every item. `null` matches any type (Microsoft's examples null optional fields).
 */

type JsonType = "string" | "number" | "boolean" | "null" | "object" | "array";

const typeOf = (value: unknown): JsonType =>
  value === null ? "null" : Array.isArray(value) ? "array" : (typeof value as "string" | "number" | "boolean" | "object");

/** A shape: leaf types per path. */
export interface Shape {
  types: Set<JsonType>;
  keys: Map<string, Shape>;
  items?: Shape;
  /** Accepts any value here (a property a resource page names without detailing it). */
  any?: boolean;
}

const emptyShape = (): Shape => ({ types: new Set(), keys: new Map() });

/** The union shape of one or more JSON values (several examples of the same resource). */
export function shapeOf(...values: unknown[]): Shape {
  const shape = emptyShape();
  for (const value of values) addValue(shape, value);
  return shape;
}

function addValue(shape: Shape, value: unknown): void {
  const type = typeOf(value);
  shape.types.add(type);
  if (type === "object") {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const child = shape.keys.get(key) ?? emptyShape();
      addValue(child, inner);
      shape.keys.set(key, child);
    }
  } else if (type === "array") {
    shape.items ??= emptyShape();
    for (const item of value as unknown[]) addValue(shape.items, item);
  }
}

const join = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

/**
 * Paths present in `actual` but not in `allowed`, and leaves whose type `allowed` never shows:
 * "A is a subset of B" holds when this is empty.
 */
export function extraPaths(actual: unknown, allowed: Shape, path = ""): string[] {
  const type = typeOf(actual);
  if (type === "null" || allowed.any) return [];
  // An example that shows only null says nothing about the value's own shape.
  if (allowed.types.size === 1 && allowed.types.has("null")) return [];
  if (allowed.types.size > 0 && !allowed.types.has(type)) {
    return [`${path || "(root)"}: ${type}, the example has ${[...allowed.types].join("|")}`];
  }
  if (type === "object") {
    return Object.entries(actual as Record<string, unknown>).flatMap(([key, inner]) => {
      const child = allowed.keys.get(key);
      return child === undefined ? [`${join(path, key)} (not in the example)`] : extraPaths(inner, child, join(path, key));
    });
  }
  if (type === "array" && allowed.items) return (actual as unknown[]).flatMap((item) => extraPaths(item, allowed.items!, `${path}[]`));
  return [];
}

/**
 * Paths of `example` missing from `actual`: "A is a superset of B" holds when this is empty.
 * An empty array in `actual` cannot show its items' keys, so it is not checked further.
 */
export function missingPaths(actual: unknown, example: unknown, path = ""): string[] {
  const exampleType = typeOf(example);
  if (exampleType === "object") {
    if (typeOf(actual) !== "object") return [`${path || "(root)"} (not an object)`];
    const value = actual as Record<string, unknown>;
    return Object.entries(example as Record<string, unknown>).flatMap(([key, inner]) =>
      key in value ? missingPaths(value[key], inner, join(path, key)) : [`${join(path, key)} (missing)`],
    );
  }
  if (exampleType === "array" && Array.isArray(actual)) {
    const [first] = example as unknown[];
    return first === undefined ? [] : (actual as unknown[]).flatMap((item) => missingPaths(item, first, `${path}[]`));
  }
  return [];
}

/** A shape that allows exactly these property names (a resource page's table); `nested` details some of them, the rest accept anything. */
export function shapeFromPropertyNames(names: readonly string[], nested: Record<string, Shape> = {}): Shape {
  const shape: Shape = { types: new Set(["object"]), keys: new Map() };
  for (const name of names) shape.keys.set(name, nested[name] ?? { types: new Set(), keys: new Map(), any: true });
  return shape;
}

/** Values at `path` ("items[].status") in `value`, flattened. */
export function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const part of path.split(".")) {
    const many = part.endsWith("[]");
    const key = many ? part.slice(0, -2) : part;
    current = current.flatMap((item) => {
      if (typeof item !== "object" || item === null) return [];
      const next = (item as Record<string, unknown>)[key];
      return next === undefined ? [] : many && Array.isArray(next) ? next : [next];
    });
  }
  return current;
}

/** Adds property names (any value) to the object shape at `path` ("" = root, "primaryContact", "items[]"). */
export function allowProperties(shape: Shape, path: string, names: readonly string[]): Shape {
  let target = shape;
  for (const part of path === "" ? [] : path.split(".")) {
    const many = part.endsWith("[]");
    const key = many ? part.slice(0, -2) : part;
    let child = target.keys.get(key);
    if (!child) {
      child = { types: new Set([many ? "array" : "object"]), keys: new Map() };
      target.keys.set(key, child);
    }
    if (many) {
      child.items ??= { types: new Set(["object"]), keys: new Map() };
      target = child.items;
    } else {
      target = child;
    }
  }
  for (const name of names) if (!target.keys.has(name)) target.keys.set(name, { types: new Set(), keys: new Map(), any: true });
  return shape;
}

/** The keys every one of `values` has (recursively for objects; arrays keep their first item's common keys): what all examples agree on. */
export function commonKeys(...values: unknown[]): unknown {
  if (values.every((value) => typeOf(value) === "object")) {
    const objects = values as Record<string, unknown>[];
    const keys = Object.keys(objects[0]!).filter((key) => objects.every((object) => key in object));
    return Object.fromEntries(keys.map((key) => [key, commonKeys(...objects.map((object) => object[key]))]));
  }
  if (values.every((value) => typeOf(value) === "array")) {
    const firsts = (values as unknown[][]).map((items) => items[0]).filter((item) => item !== undefined);
    return firsts.length === values.length ? [commonKeys(...firsts)] : [];
  }
  return values[0];
}
