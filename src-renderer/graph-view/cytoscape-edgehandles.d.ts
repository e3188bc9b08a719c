declare module 'cytoscape-edgehandles' {
  import type { Ext } from 'cytoscape'
  const edgehandles: Ext
  export default edgehandles
}
