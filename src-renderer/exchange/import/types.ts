/** The types the import pipeline's stages share (see index.ts for the pipeline). */
import { MAX_IMPORT_BYTES } from '../../../src-main/shared/ipc-contract'
import type { EdgeKind } from '../../domain/edge-kinds'
import type { GraphData } from '../../domain/graph'
import type { GraphNode, NodeKind } from '../../domain/node-kinds'
import type { KgDocument } from '../formats/kg-json'
import type { ImportIssue, RawGraph } from '../raw-graph'

/** Largest file the pipeline reads (the same limit main applies when it opens a file). */
export const IMPORT_MAX_BYTES = MAX_IMPORT_BYTES

/** Formats the pipeline reads. */
export type ImportFormat = 'kg-json' | 'csv' | 'gexf' | 'graphml' | 'cyjs'

/** One file handed to the pipeline: its base name and bytes. */
export interface ImportFile {
  name: string
  bytes: Uint8Array
}

/** Node counts per (mapped) kind, plus totals. */
export interface ImportCounts {
  nodes: number
  edges: number
  annotations: number
  byKind: Record<NodeKind, number>
}

/** A node type from another tool, how often it occurs and the kind it maps to unless the user chooses. */
export interface UnknownType {
  /** The type as the file spells it; '' when the file gives no type. */
  type: string
  count: number
  suggested: NodeKind
}

/** An edge type that is not an app edge kind; `suggested` is `related` when nothing fits. */
export interface UnknownEdgeType {
  type: string
  count: number
  suggested: EdgeKind
}

/**
 * What the import does with an edge from a node to itself whose kind may not loop (see
 * `allowsSelfLoop` in domain/edge-kinds.ts): leave it out (`drop`, the default) or keep it as a
 * `related` edge with its type as label (`keep`). Loops of kinds that may loop are always kept.
 */
export type SelfLoopChoice = 'drop' | 'keep'

/** Self-loops in a file under a mapping: kept as they are, and of kinds that may not loop. */
export interface SelfLoopCount {
  /** Loops of a kind that may loop (`related`): imported as they are. */
  allowed: number
  /** Loops of a kind that may not loop: left out, or kept as `related` (see {@link SelfLoopChoice}). */
  forbidden: number
}

/**
 * What the user sees before anything is written. `problems` is empty when the file imports as it is
 * (with the suggested mapping); otherwise `applyMapping` fails with the same problems.
 */
export interface ImportPreview {
  format: ImportFormat
  name: string
  counts: ImportCounts
  problems: ImportIssue[]
  /**
   * Warnings that do not stop the import (duplicate edge ids renumbered, …), from the reader; each
   * with its line or record. Shown in the preview and printed by the CLI.
   */
  notes: ImportIssue[]
  /** Self-loops under the suggested mapping (see {@link SelfLoopChoice}). */
  selfLoops: SelfLoopCount
  unknownTypes: UnknownType[]
  unknownEdgeTypes: UnknownEdgeType[]
  /** The file's records before mapping. */
  graph: RawGraph
  /** For `.kg.json`: the validated document (views and presentations included). */
  document?: KgDocument
  /** The clock and author that fill missing record fields, fixed at read time. */
  stamp: { now: string; author: string }
  /** The stored nodes the preview was checked against (merge), if any. */
  existing?: ExistingNodes
  /**
   * The graph as validated while reading, with the suggested mapping (see validate.ts): applyMapping
   * hands it on when the mapping is unchanged and importInto writes it without validating again.
   * Absent when there are problems.
   */
  checked?: CheckedImport
}

/**
 * A graph that passed the import's one validation (records, and references to the stored nodes the
 * preview could see). Plain data, so it can cross from the import worker.
 */
export interface CheckedImport {
  /** The mapping it was validated with (see `mappingKey` in mapping.ts). */
  mapping: string
  graph: GraphData
  /**
   * The stored nodes its records point at, as they were: the import relies on them, so a write
   * checks they are still there and unchanged.
   */
  stored: { id: string; kind: NodeKind; deleted: boolean }[]
}

/**
 * Looks up a node already in the map (for a merge: a file's edges may point at stored nodes, and
 * their kind decides which edge kinds fit). `repo.store.node.bind(repo.store)` fits.
 */
export type ExistingNodes = (id: string) => GraphNode | undefined

/** Options for `readImport`. */
export interface ReadOptions {
  /** Merge: stored nodes the file's edges may point at (see {@link ExistingNodes}). */
  existing?: ExistingNodes
  /** Size limit in bytes; default {@link IMPORT_MAX_BYTES}. */
  maxBytes?: number
  /** ISO time for records without timestamps; default now. */
  now?: string
  /** Author for records without `createdBy`/`updatedBy`; default ''. */
  author?: string
}

/** Options for `applyMapping`. */
export interface MappingOptions {
  /** Overrides the preview's stamp. */
  now?: string
  author?: string
  /** Merge: stored nodes the file's edges may point at. Omit for replace. */
  existing?: ExistingNodes
  /** Self-loops of kinds that may not loop: leave out (default) or keep as `related`. */
  selfLoops?: SelfLoopChoice
}
