// cytoscape-fcose ships no types. Its options are typed where they are used (FcoseLayoutOptions in
// layouts.ts); the module itself is only registered with `cytoscape.use(fcose)`.
declare module 'cytoscape-fcose' {
  import type { Ext } from 'cytoscape'

  /** The fCoSE layout extension, for `cytoscape.use`. */
  const fcose: Ext
  export default fcose
}
