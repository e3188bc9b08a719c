import { newId } from '../domain/ids'
import type { PageRow, RecordTable } from './db'
import { PAGE_SIZE } from './schema'

/**
 * Which page holds which record. Pure bookkeeping: `plan` works on a copy so a failed transaction
 * leaves the index untouched; `commit` adopts a plan once its transaction has committed.
 */
export class PageIndex {
  private pageOf = new Map<string, string>()
  private members = new Map<string, string[]>()
  private tableOfPage = new Map<string, RecordTable>()

  /** Rebuilds the index from stored pages and the ids each holds. */
  load(pages: { id: string; table: RecordTable; ids: string[] }[]): void {
    this.clear()
    for (const p of pages) {
      this.members.set(p.id, p.ids)
      this.tableOfPage.set(p.id, p.table)
      for (const id of p.ids) this.pageOf.set(id, p.id)
    }
  }

  clear(): void {
    this.pageOf.clear()
    this.members.clear()
    this.tableOfPage.clear()
  }

  /**
   * Decides where each record goes: existing records stay on their page; new ones fill the emptiest
   * open page of their table or start a new one. Returns the touched pages with their full member lists.
   */
  plan(records: { table: RecordTable; id: string }[]): PagePlan {
    const touched = new Map<string, string[]>()
    const tables = new Map<string, RecordTable>()
    const placed = new Map<string, string>()
    const open = new Map<RecordTable, string>()
    const membersOf = (pageId: string): string[] => {
      let m = touched.get(pageId)
      if (!m) {
        m = [...(this.members.get(pageId) ?? [])]
        touched.set(pageId, m)
      }
      return m
    }
    for (const { table, id } of records) {
      const existing = this.pageOf.get(id) ?? placed.get(id)
      if (existing) {
        membersOf(existing)
        continue
      }
      let pageId = open.get(table) ?? this.findOpenPage(table)
      if (!pageId || membersOf(pageId).length >= PAGE_SIZE) pageId = `${table}-${newId()}`
      open.set(table, pageId)
      tables.set(pageId, table)
      membersOf(pageId).push(id)
      placed.set(id, pageId)
    }
    for (const pageId of touched.keys()) {
      if (!tables.has(pageId)) tables.set(pageId, this.tableOfPage.get(pageId)!)
    }
    return { touched, tables, placed }
  }

  /** Adopts a plan after its transaction committed. */
  commit(plan: PagePlan): void {
    for (const [pageId, ids] of plan.touched) {
      this.members.set(pageId, ids)
      this.tableOfPage.set(pageId, plan.tables.get(pageId)!)
    }
    for (const [id, pageId] of plan.placed) this.pageOf.set(id, pageId)
  }

  /** Learns that another window stored record `id` on `pageId` (a no-op when it is known). */
  adopt(table: RecordTable, id: string, pageId: string): void {
    if (this.pageOf.has(id)) return
    this.pageOf.set(id, pageId)
    this.tableOfPage.set(pageId, table)
    const members = this.members.get(pageId)
    if (members) members.push(id)
    else this.members.set(pageId, [id])
  }

  /** The page record `id` is stored on, if known. */
  pageIdOf(id: string): string | undefined {
    return this.pageOf.get(id)
  }

  pageCount(): number {
    return this.members.size
  }

  private findOpenPage(table: RecordTable): string | undefined {
    let best: string | undefined
    let bestSize = PAGE_SIZE
    for (const [pageId, ids] of this.members) {
      if (this.tableOfPage.get(pageId) === table && ids.length < bestSize) {
        best = pageId
        bestSize = ids.length
      }
    }
    return best
  }
}

export interface PagePlan {
  /** Page id → its complete member ids after the write. */
  touched: Map<string, string[]>
  tables: Map<string, RecordTable>
  /** New record id → the page it was placed on. */
  placed: Map<string, string>
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Serialises a page of records as JSON with every non-ASCII character escaped (`\u00eb`), passed
 * through UTF-8 bytes so the engine keeps it as a one-byte string. Dutch text (ë, é, ’, …) would
 * otherwise make every page a two-byte string: twice the bytes through IndexedDB on every read and
 * write (measured: 100k+300k read 1.9 s → 1.5 s, put 1.7 s → 0.9 s). `JSON.parse` reads it as usual.
 */
export function encodePage(records: readonly unknown[]): string {
  const json = JSON.stringify(records).replace(
    /[\u0080-\uffff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')
  )
  return decoder.decode(encoder.encode(json))
}

/** Splits records into full pages for a whole-graph write. */
export function chunkIntoPages<T extends { id: string }>(
  table: RecordTable,
  records: readonly T[]
): { row: PageRow; ids: string[] }[] {
  const out: { row: PageRow; ids: string[] }[] = []
  for (let i = 0; i < records.length; i += PAGE_SIZE) {
    const chunk = records.slice(i, i + PAGE_SIZE)
    const id = `${table}-${newId()}`
    out.push({
      row: { id, table, count: chunk.length, data: encodePage(chunk) },
      ids: chunk.map((r) => r.id)
    })
  }
  return out
}
