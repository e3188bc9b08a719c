import { uuidv7 } from 'uuidv7'

/** Id of a node. Ids are UUIDv7 strings for new records; imported records keep their own string ids. */
export type NodeId = string & { readonly __brand: 'NodeId' }
/** Id of an edge. */
export type EdgeId = string & { readonly __brand: 'EdgeId' }
/** Id of an annotation. */
export type AnnotationId = string & { readonly __brand: 'AnnotationId' }

/** A new, time-ordered, globally unique id (UUIDv7). Never auto-increment: graphs from two laptops must merge. */
export function newId<T extends string = string>(): T {
  return uuidv7() as T
}
