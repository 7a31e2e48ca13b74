/**
 * What a value becomes after `JSON.stringify` and `JSON.parse`, for the
 * shapes the backend sends: a `Date` arrives as its ISO 8601 string, objects
 * and arrays keep their shape. Response types derived with it from the
 * mlops-common types the backend builds its bodies from stay in step with
 * them: a change there is a compile error here rather than a surprise at
 * run time. Non-finite numbers (which arrive as null) are not modelled; the
 * types that can hold them say so where they are derived.
 * @public
 */
export type Jsonified<T> = T extends Date
  ? string
  : T extends ReadonlyArray<infer Item>
  ? Array<Jsonified<Item>>
  : T extends object
  ? { [Key in keyof T]: Jsonified<T[Key]> }
  : T;
