import demoText from '../../resources/stadmaken-demo.kg.json?raw'
import type { GraphData } from '../domain/graph'
import type { Result } from '../domain/result'
import { parseKgJson } from '../exchange/formats/kg-json'
import type { GraphRepository, ProgressOptions } from '../storage/repositories/graph-repository'

/** The bundled demo map (resources/stadmaken-demo.kg.json), parsed and validated. */
export function demoGraph(): Result<GraphData> {
  return parseKgJson(demoText)
}

/** Replaces the stored graph with the demo map, in one transaction. */
export async function loadDemo(
  repo: GraphRepository,
  progress?: ProgressOptions
): Promise<Result<GraphData>> {
  const demo = demoGraph()
  if (!demo.ok) return demo
  return repo.replaceGraph(demo.value, 'graph.restore-demo', progress)
}
