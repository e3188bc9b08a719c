/** The path of an up-to-date pipeline bundle for `root`, building it first when there is none. */
export function pipelineBundle(root: string): string
